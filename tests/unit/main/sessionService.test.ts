import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HostCatalog } from '../../../src-main/inventory/hostCatalog';
import { SshConfigSource } from '../../../src-main/inventory/ssh-config/sshConfigSource';
import { SessionService } from '../../../src-main/sessions/sessionService';
import { TmuxServer } from '../../../src-main/tmux/tmuxServer';
import { memoryFileReader } from '../../fakes/memoryFileReader';
import { recordingRunner } from '../../fakes/recordingRunner';

const HOME = '/home/ada';

function serviceFor(config: string, answer?: Parameters<typeof recordingRunner>[0]) {
  const { runner, calls } = recordingRunner(answer);
  const tmux = new TmuxServer({
    runner,
    tmuxPath: 'tmux',
    address: { socket: '/s/tmux.sock', config: '/r/tmux.conf' },
    env: {},
  });
  const catalog = new HostCatalog([
    new SshConfigSource({
      file: `${HOME}/.ssh/config`,
      home: HOME,
      files: memoryFileReader({ [`${HOME}/.ssh/config`]: config }),
    }),
  ]);
  const sessions = new SessionService({
    tmux,
    catalog,
    ssh: { sshPath: 'ssh' },
    cwd: HOME,
    newSessionName: () => 'mx-test',
  });
  return { sessions, calls };
}

describe('session service', () => {
  it.each(['-oProxyCommand=touch /tmp/pwned', 'web;touch /tmp/pwned', '$(touch /tmp/pwned)'])(
    'refuses to open %j with INVALID_HOST and runs nothing',
    async (alias) => {
      const { sessions, calls } = serviceFor(`Host "${alias}"\n`);
      await expect(sessions.open(`ssh-config:${alias}`, { cols: 80, rows: 24 })).rejects.toMatchObject({
        code: 'INVALID_HOST',
        message: expect.stringContaining('Refusing to connect'),
      });
      expect(calls).toEqual([]);
      expect(existsSync('/tmp/pwned')).toBe(false);
    },
  );

  it('answers NOT_FOUND for a host no source has', async () => {
    const { sessions, calls } = serviceFor('Host a\n');
    await expect(sessions.open('ssh-config:b', { cols: 80, rows: 24 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(calls).toEqual([]);
  });

  it('starts ssh inside the private tmux server, labelled with the host', async () => {
    const { sessions, calls } = serviceFor('Host web-01\n', (_file, args) =>
      args.includes('list-sessions')
        ? { stdout: 'mx-test\t1795433038\t0\t0\t\tssh-config%3Aweb-01\tweb-01\n' }
        : {},
    );
    const opened = await sessions.open('ssh-config:web-01', { cols: 100, rows: 30 });
    expect(opened).toMatchObject({
      id: 'mx-test',
      hostId: 'ssh-config:web-01',
      label: 'web-01',
      state: 'running',
    });
    const create = calls.find((c) => c.args.includes('new-session'));
    expect(create?.file).toBe('tmux');
    expect(create?.args.slice(0, 4)).toEqual(['-f', '/r/tmux.conf', '-S', '/s/tmux.sock']);
    expect(create?.args).toEqual(expect.arrayContaining(['-x', '100', '-y', '30', 'ssh', 'web-01']));
  });

  it('lists only Muxdeck sessions, and none when no tmux server runs yet', async () => {
    const none = serviceFor('', () => ({ code: 1, stderr: 'no server running on /s/tmux.sock' }));
    expect(await none.sessions.list()).toEqual([]);
    const some = serviceFor('', () => ({
      stdout: 'mx-1\t1795433038\t0\t1\t0\tssh-config%3Aa\ta\nscratch\t1795433038\t0\t0\t\t\t\n',
    }));
    expect(await some.sessions.list()).toEqual([
      {
        id: 'mx-1',
        hostId: 'ssh-config:a',
        label: 'a',
        createdAt: 1795433038000,
        state: 'exited',
        exitStatus: 0,
        attachedClients: 0,
      },
    ]);
  });

  it("reports a tmux failure with tmux's own words", async () => {
    const { sessions } = serviceFor('Host a\n', (_f, args) =>
      args.includes('new-session') ? { code: 1, stderr: 'create window failed: fork failed' } : {},
    );
    await expect(sessions.open('ssh-config:a', { cols: 80, rows: 24 })).rejects.toThrow(/fork failed/);
  });
});
