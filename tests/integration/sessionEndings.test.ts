import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { SessionInfo } from '../../src-preload/api';
import { isExecutableFile } from '../../src-main/platform/nodeExecutableCheck';
import { planPlatformTools } from '../../src-main/platform/platformTools';
import { startAppUnderTest, type AppUnderTest } from '../helpers/appUnderTest';
import { startEndingsWorld, type EndingsWorld } from '../helpers/endingsWorld';
import { listDescendantPids, signalProcess } from '../helpers/processTree';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { capturePane, killServer } from '../helpers/tmux';
import { waitFor } from '../helpers/waitFor';

/**
 * Every way a session ends, through the real services, for both backends: a real sshd on loopback,
 * real ssh, real tmux (its own socket per app) or ssh under node-pty (direct). Each test waits for what
 * a user would see (the status, ssh's words in the pane), never for a fixed time.
 */
describe.each(['tmux', 'direct'] as const)('every ending is told (%s)', (backend) => {
  let world: EndingsWorld;
  let home: string;
  let app: AppUnderTest;
  const terminals = new Map<string, string>();

  beforeAll(async () => {
    world = await startEndingsWorld();
    home = await makeTempDir(`mx-endings-${backend}-`);
    // Direct: this machine's tmux is hidden from the app, as on a machine without one.
    const tools =
      backend === 'direct'
        ? planPlatformTools({
            platform: 'linux',
            env: world.fake.env,
            isExecutable: (path) => !path.endsWith('/tmux') && isExecutableFile(path),
          })
        : undefined;
    app = await startAppUnderTest(home, world.fake.env, tools ? { tools } : {});
  });

  afterAll(async () => {
    app?.crash();
    if (home) await killServer(join(home, 'tmux.sock'));
    await world?.stop();
    await removeDir(home);
  });

  const open = async (alias: string): Promise<SessionInfo> => {
    const session = await app.call<SessionInfo>('sessions:open', {
      hostId: `ssh-config:${alias}`,
      cols: 120,
      rows: 30,
    });
    expect(session.mode).toBe(backend === 'direct' ? 'direct' : 'local');
    return session;
  };
  const ended = (id: string, what: string) =>
    app.waitForSession(id, (s) => s?.ending !== undefined && s.status !== 'connecting', what, 30_000);

  /** The pane's text as the user would scroll through it: tmux's history, or a direct session's output. */
  const paneText = async (id: string): Promise<string> => {
    if (backend === 'tmux') return capturePane(app.services.paths.tmuxSocket, `=${id}:`, { history: true });
    let terminalId = terminals.get(id);
    if (!terminalId) {
      terminalId = (
        await app.call<{ terminalId: string }>('terminal:attach', { sessionId: id, cols: 120, rows: 30 })
      ).terminalId;
      terminals.set(id, terminalId);
    }
    return app.output(terminalId);
  };
  const waitForPane = (id: string, pattern: RegExp, timeoutMs = 15_000) =>
    waitFor(async () => pattern.test(await paneText(id)), {
      describe: `pane ${id} to show ${String(pattern)}`,
      timeoutMs,
    });
  const type = async (id: string, line: string) => {
    await paneText(id);
    const terminalId =
      terminals.get(id) ??
      (await app.call<{ terminalId: string }>('terminal:attach', { sessionId: id, cols: 120, rows: 30 }))
        .terminalId;
    terminals.set(id, terminalId);
    await app.call('terminal:input', { terminalId, data: `${line}\r` });
  };

  it.each([
    ['refused', 'refused', /Connection refused/],
    [
      'nego',
      'negotiation',
      /Unable to negotiate with 127\.0\.0\.1 port \d+: no matching host key type found/,
    ],
    ['loop', 'jump', /ProxyJump loop: loop → loop/],
    ['changedkey', 'host-key', /Host key for \[127\.0\.0\.1\]:\d+ has changed/],
    ['wrongkey', 'auth', /Permission denied \(publickey\)/],
  ])("%s: could not connect (%s), in ssh's words, pane kept, not retried", async (alias, cause, words) => {
    const session = await open(alias);
    const failed = await ended(session.id, `${alias} to fail`);
    expect(failed).toMatchObject({
      status: 'error',
      state: 'exited',
      ending: { kind: 'connect-failed', cause },
    });
    expect(failed?.reason).toMatch(words);
    expect(failed?.ending?.message).toMatch(words);
    expect(failed?.reconnect).toBeUndefined();
    // ssh's message is in the pane, which stays.
    await waitForPane(session.id, words);
    expect((await app.session(session.id))?.status).toBe('error');
  });

  it('a program that exits 3 keeps its pane and says so; exit 0 closes the tab', async () => {
    const three = await open('box');
    await app.waitForSession(three.id, (s) => s?.status === 'connected', 'connected');
    await type(three.id, 'echo bye-$((1+2)); exit 3');
    const kept = await ended(three.id, 'the exit status 3');
    expect(kept).toMatchObject({ status: 'disconnected', ending: { kind: 'exited', exitStatus: 3 } });
    expect(kept?.reason).toBe('The session ended with exit status 3');
    expect(kept?.reconnect).toBeUndefined();
    await waitForPane(three.id, /^bye-3\r?$/m);

    const zero = await open('box');
    await app.waitForSession(zero.id, (s) => s?.status === 'connected', 'connected');
    await type(zero.id, 'exit 0');
    await app.waitForSession(zero.id, (s) => s === undefined, 'the tab of a clean exit to close', 30_000);
  });

  it('keeps the pane of a clean exit when the user keeps closed panes', async () => {
    await app.call('settings:update', { patch: { keepClosedPanes: true } });
    try {
      const session = await open('box');
      await app.waitForSession(session.id, (s) => s?.status === 'connected', 'connected');
      await type(session.id, 'echo kept-$((40+2)); exit');
      const kept = await ended(session.id, 'the kept pane');
      expect(kept).toMatchObject({ status: 'disconnected', ending: { kind: 'exited', exitStatus: 0 } });
      await waitForPane(session.id, /^kept-42\r?$/m);
    } finally {
      await app.call('settings:update', { patch: { keepClosedPanes: false } });
    }
  });

  it('a dropped link is retried in the same pane: a seam line, then "reconnected"', async () => {
    const session = await open('box');
    await app.waitForSession(session.id, (s) => s?.status === 'connected', 'connected before the drop');
    await type(session.id, 'echo before-$((20+1))');
    await waitForPane(session.id, /^before-21\r?$/m);

    // The link drops: every per-connection sshd process dies; the listener stays, so the retry gets in.
    for (const pid of await listDescendantPids(world.sshd.pid)) signalProcess(pid, 'SIGKILL');
    const back = await app.waitForSession(
      session.id,
      (s) => s?.status === 'connected' && s.reconnectedAt !== undefined,
      'connected again after the drop',
      30_000,
    );
    expect(back?.ending?.kind).toBe('dropped');
    expect(back?.reconnect).toBeUndefined();
    await waitForPane(session.id, /— connection lost \d\d:\d\d:\d\d · new session \d\d:\d\d:\d\d —/);
    const text = await paneText(session.id);
    // The old shell's output stays above the seam; the new login's prompt comes below it.
    expect(text.indexOf('before-21')).toBeLessThan(text.search(/— connection lost/));
    // The replay's clear pushed no blank page into the history (tmux.conf: scroll-on-clear off).
    const between = text.slice(text.indexOf('before-21'), text.search(/— connection lost/));
    expect(between).not.toMatch(/(\r?\n[ \t]*){20}/);
    await type(session.id, 'echo after-$((20+2))');
    await waitForPane(session.id, /^after-22\r?$/m);
  });

  it('gives up at the connect deadline (the setting), keeps the pane, and does not retry', async () => {
    await app.call('settings:update', { patch: { connectTimeoutSeconds: 2 } });
    try {
      const session = await open('hang');
      expect(session.connectDeadline).toEqual({ seconds: 2, source: 'setting' });
      const gaveUp = await ended(session.id, 'the deadline to pass');
      expect(gaveUp).toMatchObject({
        status: 'error',
        ending: { kind: 'connect-failed', cause: 'deadline' },
      });
      expect(gaveUp?.reason).toMatch(/^Gave up connecting after 2 s \(the connect deadline setting\)/);
      expect(gaveUp?.reconnect).toBeUndefined();
      expect((await app.session(session.id))?.state).toBe('exited');
    } finally {
      await app.call('settings:update', { patch: { connectTimeoutSeconds: 20 } });
    }
  });

  it("takes the deadline from the host's ConnectTimeout when its ssh config sets one", async () => {
    const session = await open('hangct');
    expect(session.connectDeadline).toEqual({ seconds: 2, source: 'ssh-config' });
    const failed = await ended(session.id, 'the ConnectTimeout to pass');
    expect(failed).toMatchObject({ status: 'error', ending: { kind: 'connect-failed' } });
    expect(failed?.reconnect).toBeUndefined();
  });
});
