import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HostCatalog } from '../../../src-main/inventory/hostCatalog';
import { SshConfigSource } from '../../../src-main/inventory/ssh-config/sshConfigSource';
import { SessionService } from '../../../src-main/sessions/sessionService';
import { TmuxBackend } from '../../../src-main/sessions/tmuxBackend';
import { TmuxServer } from '../../../src-main/tmux/tmuxServer';
import { DEFAULT_RECONNECT_POLICY } from '../../../src-main/sessions/reconnectPolicy';
import { SessionHealth } from '../../../src-main/sessions/sessionHealth';
import { ConnectionSharing } from '../../../src-main/ssh/connectionSharing';
import { manualClock } from '../../fakes/manualClock';
import { tmuxListLine } from '../../fakes/tmuxListLine';
import { memoryFileReader } from '../../fakes/memoryFileReader';
import { recordingRunner } from '../../fakes/recordingRunner';

const HOME = '/home/ada';
const CM_DIR = join(tmpdir(), `mx-unit-cm-${process.pid}`);
afterAll(() => rmSync(CM_DIR, { recursive: true, force: true }));

function serviceFor(
  config: string,
  answer?: Parameters<typeof recordingRunner>[0],
  extra: Partial<ConstructorParameters<typeof SessionService>[0]> = {},
) {
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
  const sharing = new ConnectionSharing({
    preferredDir: CM_DIR,
    home: HOME,
    shortSocketDir: () => {
      throw new Error('CM_DIR is short and plain: no other directory is needed');
    },
    runner,
    sshPath: 'ssh',
    env: {},
  });
  const { clock } = manualClock();
  const silent = { info() {}, warn() {}, error() {} };
  const health = new SessionHealth({
    tmux,
    sharing,
    clock,
    policy: () => DEFAULT_RECONNECT_POLICY,
    keepClosedPanes: () => false,
    onChange: () => undefined,
    logger: silent,
  });
  const sessions = new SessionService({
    tmux: new TmuxBackend({ tmux, health, clock, cwd: HOME }),
    catalog,
    ssh: { sshPath: 'ssh' },
    sharing,
    runner,
    env: {},
    newSessionName: () => 'mx-test',
    ...extra,
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

  it('shares no connection where ssh has no ControlMaster (Windows OpenSSH)', async () => {
    const { sessions, calls } = serviceFor(
      'Host web-01\n',
      (_file, args) =>
        args.includes('list-sessions')
          ? { stdout: tmuxListLine({ name: 'mx-test', options: { hostId: 'ssh-config:web-01' } }) }
          : args.includes('-G')
            ? { stdout: 'user ada\nhostname web-01.example\nport 22\n' }
            : {},
      { shareConnections: false },
    );
    await sessions.open('ssh-config:web-01', { cols: 80, rows: 24 });
    const create = calls.find((c) => c.args.includes('new-session'));
    expect(create?.args).toEqual(expect.arrayContaining(['ssh', 'web-01']));
    expect(create?.args.join(' ')).not.toMatch(/Control(Master|Path|Persist)/);
  });

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
        ? {
            stdout: tmuxListLine({
              name: 'mx-test',
              options: { hostId: 'ssh-config:web-01', label: 'web-01' },
            }),
          }
        : args.includes('-G')
          ? { stdout: 'user ada\nhostname web-01.example\nport 22\n' }
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
    // Sharing is keyed by where ssh really goes, and the session starts as "connecting".
    const sshArgs = create?.args.slice(create.args.indexOf('ssh'), create.args.indexOf(';')) ?? [];
    expect(sshArgs).toEqual(expect.arrayContaining(['-o', 'ControlMaster=auto', '-o', 'ControlPersist=600']));
    expect(sshArgs.find((a) => a.startsWith('ControlPath='))).toMatch(
      new RegExp(`^ControlPath=${CM_DIR}/[0-9a-f]{20}$`),
    );
    expect(sshArgs.slice(-2)).toEqual(['--', 'web-01']);
    expect(create?.args).toEqual(expect.arrayContaining(['@muxdeck_status', 'connecting']));
  });

  it('lists only Muxdeck sessions, and none when no tmux server runs yet', async () => {
    const none = serviceFor('', () => ({ code: 1, stderr: 'no server running on /s/tmux.sock' }));
    expect(await none.sessions.list()).toEqual([]);
    const some = serviceFor('', () => ({
      stdout: [
        tmuxListLine({
          name: 'mx-1',
          dead: true,
          deadStatus: 0,
          options: {
            hostId: 'ssh-config:a',
            label: 'a',
            status: 'error',
            reason: 'Permission denied (publickey)',
            statusSince: '1795433040000',
          },
        }),
        tmuxListLine({ name: 'scratch' }),
      ].join('\n'),
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
        mode: 'local',
        status: 'error',
        reason: 'Permission denied (publickey)',
        statusSince: 1795433040000,
      },
    ]);
  });

  it("shows a session under its host's current name (a rename after it opened); a vanished host keeps its own", async () => {
    const listing = () => ({
      stdout: [
        tmuxListLine({ name: 'mx-1', options: { hostId: 'ssh-config:a', label: 'a' } }),
        tmuxListLine({ name: 'mx-2', options: { hostId: 'ssh-config:gone', label: 'gone' } }),
      ].join('\n'),
    });
    const asked: string[][] = [];
    const renamed = serviceFor('', listing, {
      currentLabels: async (hostIds) => {
        asked.push([...hostIds]);
        return new Map([['ssh-config:a', 'frontend']]);
      },
    });
    expect((await renamed.sessions.list()).map((s) => [s.id, s.label])).toEqual([
      ['mx-1', 'frontend'],
      ['mx-2', 'gone'],
    ]);
    expect(asked).toEqual([['ssh-config:a', 'ssh-config:gone']]);
    // A failing lookup costs the new names, never the list.
    const failing = serviceFor('', listing, { currentLabels: () => Promise.reject(new Error('store busy')) });
    expect((await failing.sessions.list()).map((s) => s.label)).toEqual(['a', 'gone']);
  });

  it("reports a tmux failure with tmux's own words", async () => {
    const { sessions } = serviceFor('Host a\n', (_f, args) =>
      args.includes('new-session') ? { code: 1, stderr: 'create window failed: fork failed' } : {},
    );
    await expect(sessions.open('ssh-config:a', { cols: 80, rows: 24 })).rejects.toThrow(/fork failed/);
  });
});
