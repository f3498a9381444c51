import { describe, expect, it } from 'vitest';
import type { Host } from '../../../src-preload/api';
import { HostCatalog } from '../../../src-main/inventory/hostCatalog';
import type { HostSource } from '../../../src-main/inventory/hostSource';
import { buildRunArgv } from '../../../src-main/run/runArgv';
import { resolveRunTargets } from '../../../src-main/run/runTargets';
import { recordingRunner } from '../../fakes/recordingRunner';

function source(destinations: Record<string, string>): HostSource {
  const hosts: Host[] = Object.keys(destinations).map((key) => ({
    id: `inv:${key}`,
    label: key,
    sourceId: 'inv',
    groups: [],
  }));
  return {
    id: 'inv',
    kind: 'ansible',
    label: 'inventory',
    load: async () => ({ hosts }),
    sshDestination: (host) => {
      if (host.label === 'flagged') throw new Error('Cannot connect to flagged: vault-encrypted address.');
      return destinations[host.label] ?? host.label;
    },
  };
}

describe('run targets', () => {
  it('refuses hostile host names and unknown ids; builds argv for good hosts', async () => {
    const { runner } = recordingRunner();
    const catalog = new HostCatalog([
      source({
        web1: 'web1.example.com',
        evil: '-oProxyCommand=touch /tmp/pwned',
        semi: 'db;rm -rf ~',
        nl: 'a\nb',
        flagged: 'x',
      }),
    ]);
    const targets = await resolveRunTargets({ catalog, ssh: { sshPath: 'ssh' }, runner, env: {} }, [
      'inv:web1',
      'inv:evil',
      'inv:semi',
      'inv:nl',
      'inv:nope',
      'inv:flagged',
    ]);
    expect(targets.map((t) => [t.label, t.problem === undefined])).toEqual([
      ['web1', true],
      ['evil', false],
      ['semi', false],
      ['nl', false],
      ['inv:nope', false],
      ['flagged', false],
    ]);
    expect(targets[5]?.problem).toBe('Cannot connect to flagged: vault-encrypted address');
    expect(targets[1]?.problem).toMatch(/must not start with "-"/);
    expect(targets[2]?.problem).toMatch(/contains ";"/);
    expect(targets[3]?.problem).toMatch(/control character/);
    expect(targets[4]?.problem).toMatch(/No host with id/);
    expect(targets[1]?.argv).toBeUndefined();
    const argv = await targets[0]?.argv?.('uptime; df -h', 30);
    expect(argv).toEqual([
      'ssh',
      '-T',
      '-o',
      'BatchMode=yes',
      '-o',
      'ConnectTimeout=15',
      '--',
      'web1.example.com',
      'uptime; df -h',
    ]);
  });

  it('puts the destination after -- and the command last, never as options', () => {
    const argv = buildRunArgv({
      sshPath: '/usr/bin/ssh',
      configFile: '/cfg',
      destination: 'host',
      hostOptions: { user: 'ada', port: 2222 },
      muxdeckOptions: ['-o', 'ControlPath=/cm/x'],
      connectTimeoutSeconds: 3,
      command: '-oProxyCommand=evil',
    });
    expect(argv.slice(argv.indexOf('--'))).toEqual(['--', 'host', '-oProxyCommand=evil']);
    expect(argv.slice(0, 7)).toEqual(['/usr/bin/ssh', '-F', '/cfg', '-l', 'ada', '-p', '2222']);
    expect(() =>
      buildRunArgv({ sshPath: 'ssh', destination: '-x', connectTimeoutSeconds: 1, command: 'c' }),
    ).toThrow(/must not start with "-"/);
  });
});
