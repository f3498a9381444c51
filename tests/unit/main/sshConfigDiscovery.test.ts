import { describe, expect, it } from 'vitest';
import { SshConfigSource } from '../../../src-main/inventory/ssh-config/sshConfigSource';
import { memoryFileReader } from '../../fakes/memoryFileReader';

const HOME = '/home/ada';
const CONFIG = `${HOME}/.ssh/config`;

async function hostsOf(files: Record<string, string>) {
  const source = new SshConfigSource({ file: CONFIG, home: HOME, files: memoryFileReader(files) });
  return source.load();
}

describe('ssh config discovery', () => {
  it('lists concrete Host aliases in file order and skips wildcard and negated patterns', async () => {
    const { hosts } = await hostsOf({
      [CONFIG]: [
        'Host *',
        '  ServerAliveInterval 30',
        'Host web-01 web-02',
        '  HostName %h.example.com',
        'Host *.internal !bastion.internal',
        '  User ops',
        'Host db?',
        'Host bastion',
        '  HostName 10.0.0.1',
        '  Port 2222',
        '  User jump',
      ].join('\n'),
    });
    expect(hosts.map((h) => h.label)).toEqual(['web-01', 'web-02', 'bastion']);
    expect(hosts[0]).toMatchObject({
      id: 'ssh-config:web-01',
      address: 'web-01.example.com',
      sourceId: 'ssh-config',
    });
    expect(hosts[2]).toMatchObject({ address: '10.0.0.1', port: 2222, user: 'jump' });
  });

  it('uses the first value ssh would use, including from earlier wildcard sections', async () => {
    const { hosts } = await hostsOf({
      [CONFIG]: ['Host prod-*', '  User deploy', 'Host prod-api', '  User root', '  HostName api.prod'].join(
        '\n',
      ),
    });
    expect(hosts).toEqual([
      expect.objectContaining({ label: 'prod-api', user: 'deploy', address: 'api.prod' }),
    ]);
  });

  it('honours Include with globs, ~ and paths relative to ~/.ssh, in place and sorted', async () => {
    const { hosts } = await hostsOf({
      [CONFIG]: ['Host first', 'Include conf.d/*.conf ~/extra/hosts', 'Host last'].join('\n'),
      [`${HOME}/.ssh/conf.d/20-b.conf`]: 'Host from-b\n',
      [`${HOME}/.ssh/conf.d/10-a.conf`]: 'Host from-a\n  HostName a.example\n',
      [`${HOME}/.ssh/conf.d/ignored.txt`]: 'Host not-included\n',
      [`${HOME}/extra/hosts`]: 'Host from-extra\n',
    });
    expect(hosts.map((h) => h.label)).toEqual(['first', 'from-a', 'from-b', 'from-extra', 'last']);
    expect(hosts[1]?.address).toBe('a.example');
  });

  it('ignores a missing included file and an Include cycle', async () => {
    const { hosts, error } = await hostsOf({
      [CONFIG]: 'Include missing.conf loop.conf\nHost after\n',
      [`${HOME}/.ssh/loop.conf`]: 'Host looped\nInclude loop.conf\n',
    });
    expect(error).toBeUndefined();
    expect(hosts.map((h) => h.label)).toEqual(['looped', 'after']);
  });

  it('reads Keyword=value, quoted arguments, comments and Match sections like OpenSSH', async () => {
    const { hosts } = await hostsOf({
      [CONFIG]: [
        '# a comment',
        'Host=alpha "beta"   # trailing comment',
        '  HostName=alpha.example',
        'Match host gamma exec "true"',
        '  User nobody',
        'HOST Gamma',
      ].join('\n'),
    });
    expect(hosts.map((h) => h.label)).toEqual(['alpha', 'beta', 'Gamma']);
    expect(hosts[0]?.address).toBe('alpha.example');
    expect(hosts[2]?.user).toBeUndefined();
  });

  it('shows a host whose name ssh would read as an option, marked with the problem', async () => {
    const { hosts } = await hostsOf({ [CONFIG]: 'Host "-oProxyCommand=touch /tmp/pwned" ok\n' });
    expect(hosts[0]?.label).toBe('-oProxyCommand=touch /tmp/pwned');
    expect(hosts[0]?.problem).toMatch(/must not start with "-"/);
    expect(hosts[1]?.problem).toBeUndefined();
  });

  it('treats a missing config as no hosts, and an unreadable one as an error the user sees', async () => {
    expect(await hostsOf({})).toEqual({ hosts: [], location: CONFIG });
    const broken = new SshConfigSource({
      file: CONFIG,
      home: HOME,
      files: {
        readText: () =>
          Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })),
        listDir: async () => [],
      },
    });
    const snapshot = await broken.load();
    expect(snapshot.hosts).toEqual([]);
    expect(snapshot.error).toContain(`Could not read ${CONFIG}: EACCES`);
  });
});
