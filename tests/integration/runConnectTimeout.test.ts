import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../src-preload/api';
import { HostCatalog } from '../../src-main/inventory/hostCatalog';
import type { HostSource } from '../../src-main/inventory/hostSource';
import { execFileRunner } from '../../src-main/platform/execFileRunner';
import { resolveRunTargets } from '../../src-main/run/runTargets';
import { makeTempDir, removeDir } from '../helpers/tempDir';

/** Hosts whose ssh destination is their alias, so the real ssh -G reads the test's config for them. */
function aliases(names: readonly string[]): HostSource {
  const hosts: Host[] = names.map((name) => ({
    id: `cfg:${name}`,
    label: name,
    sourceId: 'cfg',
    groups: [],
  }));
  return {
    id: 'cfg',
    kind: 'ssh-config',
    label: 'config',
    load: async () => ({ hosts }),
    sshDestination: (host) => host.label,
  };
}

const connectTimeouts = (argv: readonly string[] | undefined) =>
  (argv ?? []).filter((arg) => /^ConnectTimeout=/i.test(arg));

describe('run on selection and the ssh config ConnectTimeout (real ssh -G)', () => {
  let dir: string;
  let config: string;

  beforeAll(async () => {
    dir = await makeTempDir('mx-rct-');
    config = join(dir, 'config');
    await writeFile(
      config,
      [
        'Host patient',
        '  HostName 127.0.0.1',
        '  ConnectTimeout 42',
        'Host hurried',
        '  HostName 127.0.0.1',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => removeDir(dir));

  it("leaves a host's own ConnectTimeout to ssh and gives the others Muxdeck's 15 s", async () => {
    const targets = await resolveRunTargets(
      {
        catalog: new HostCatalog([aliases(['patient', 'hurried'])]),
        ssh: { sshPath: 'ssh', configFlag: config },
        runner: execFileRunner,
        env: process.env,
      },
      ['cfg:patient', 'cfg:hurried'],
    );
    const patient = await targets[0]?.argv?.('true', 60);
    const hurried = await targets[1]?.argv?.('true', 60);
    // No -o ConnectTimeout of Muxdeck's: ssh takes the config's 42 s (the first value obtained wins).
    expect(connectTimeouts(patient)).toEqual([]);
    expect(patient).toContain('patient');
    expect(connectTimeouts(hurried)).toEqual(['ConnectTimeout=15']);
    // A shorter run time-out still bounds the connect of a host without its own.
    const short = await targets[1]?.argv?.('true', 5);
    expect(connectTimeouts(short)).toEqual(['ConnectTimeout=5']);
  });

  it('honours a ConnectTimeout set in the host settings (an -o ahead of the destination)', async () => {
    const source = aliases(['hurried']);
    const targets = await resolveRunTargets(
      {
        catalog: new HostCatalog([source]),
        settings: {
          effectiveSettings: (host) => ({
            label: host.label,
            sshOptions: { extraOptions: { ConnectTimeout: '7' } },
            persistence: 'local',
            logging: false,
          }),
        },
        ssh: { sshPath: 'ssh', configFlag: config },
        runner: execFileRunner,
        env: process.env,
      },
      ['cfg:hurried'],
    );
    const argv = await targets[0]?.argv?.('true', 60);
    expect(argv?.join(' ')).toContain('ConnectTimeout=7');
    expect(connectTimeouts(argv)).toEqual(['ConnectTimeout=7']);
  });
});
