import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src-preload/api';
import { startAppUnderTest, type AppUnderTest } from '../helpers/appUnderTest';
import { generateEd25519Key } from '../helpers/sshKeys';
import {
  makeFakeHome,
  startSshd,
  writeSshClientConfig,
  type FakeHome,
  type SshdHandle,
} from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { capturePane, killServer, waitForPaneText } from '../helpers/tmux';

/**
 * Connection health through the real services: a real sshd on loopback that we can take down
 * and bring back, real tmux, real ptys. Each test asserts what the user sees on the tab.
 */
describe('session health: status, shared connections, reconnect, close on exit', () => {
  let sshd: SshdHandle;
  let fake: FakeHome;
  let home: string;
  let app: AppUnderTest;
  let socket: string;

  beforeAll(async () => {
    sshd = await startSshd();
    fake = await makeFakeHome();
    home = await makeTempDir('mx-health-');
    const strangerKey = await generateEd25519Key(join(fake.sshDir, 'stranger'), 'not-authorised');
    const wrongKnownHosts = join(fake.sshDir, 'known_hosts_wrong');
    // Another host's key recorded for this address: exactly what a changed host key looks like.
    const otherKey = await generateEd25519Key(join(fake.sshDir, 'other_host'), 'other-host');
    await writeFile(wrongKnownHosts, `[127.0.0.1]:${sshd.port} ${otherKey.publicKey}\n`, { mode: 0o600 });
    const common = [
      '  HostName 127.0.0.1',
      `  Port ${sshd.port}`,
      `  User ${sshd.user}`,
      '  IdentitiesOnly yes',
      '  BatchMode yes',
      '  GlobalKnownHostsFile /dev/null',
      '  StrictHostKeyChecking yes',
    ];
    await writeSshClientConfig({
      file: fake.configFile,
      hosts: [{ alias: 'box', sshd }],
      knownHostsFile: fake.knownHostsFile,
      extra: [
        'Host wrongkey',
        ...common,
        `  IdentityFile ${strangerKey.privateKeyPath}`,
        `  UserKnownHostsFile ${fake.knownHostsFile}`,
        'Host changedkey',
        ...common,
        `  IdentityFile ${sshd.userKeyPath}`,
        `  UserKnownHostsFile ${wrongKnownHosts}`,
        '',
      ].join('\n'),
    });
    app = await startAppUnderTest(home, fake.env);
    socket = app.services.paths.tmuxSocket;
  });

  afterAll(async () => {
    app?.crash();
    if (home) await killServer(join(home, 'tmux.sock'));
    await sshd?.stop();
    await fake?.cleanup();
    await removeDir(home);
  });

  const open = (hostId: string) => app.call<SessionInfo>('sessions:open', { hostId, cols: 100, rows: 30 });
  const acceptedLogins = () => (sshd.logs().match(/Accepted publickey/g) ?? []).length;

  it('reports connected, and a second pane to the same host reuses the first connection', async () => {
    const before = acceptedLogins();
    const first = await open('ssh-config:box');
    expect(first.status).toBe('connecting');
    const connected = await app.waitForSession(
      first.id,
      (s) => s?.status === 'connected',
      'first pane connected',
    );
    expect(connected?.connectedAt).toBeGreaterThan(0);

    const second = await open('ssh-config:box');
    await app.waitForSession(second.id, (s) => s?.status === 'connected', 'second pane connected');
    await waitForPaneText(socket, `=${second.id}:`, /[$#] $/m);
    // One authentication for two panes: the second rode on the first's master connection.
    expect(acceptedLogins() - before).toBe(1);

    // The user types `exit` in the second pane: its tab closes, the first is untouched.
    const terminal = await app.call<{ terminalId: string }>('terminal:attach', {
      sessionId: second.id,
      cols: 100,
      rows: 30,
    });
    await app.call('terminal:input', { terminalId: terminal.terminalId, data: 'exit\r' });
    await app.waitForSession(second.id, (s) => s === undefined, 'the exited session to close');
    expect((await app.session(first.id))?.status).toBe('connected');
  });

  it('marks a dropped connection disconnected with the reason, retries, and reconnects in the same pane', async () => {
    const session = await open('ssh-config:box');
    await app.waitForSession(session.id, (s) => s?.status === 'connected', 'connected before the outage');
    const terminal = await app.call<{ terminalId: string }>('terminal:attach', {
      sessionId: session.id,
      cols: 100,
      rows: 30,
    });
    // Enough output that the marker scrolls off the screen into the pane's history.
    await app.call('terminal:input', {
      terminalId: terminal.terminalId,
      data: 'echo before-$((20+1)); seq 1 60\r',
    });
    await waitForPaneText(socket, `=${session.id}:`, /^60$/m);

    await sshd.interrupt();
    const dropped = await app.waitForSession(
      session.id,
      (s) => s?.status === 'disconnected',
      'disconnected after the outage',
    );
    expect(dropped?.reason).toMatch(/closed|reset|refused|broken pipe|lost/i);
    expect(dropped?.reconnect).toMatchObject({ attempt: 1, maxAttempts: 3 });

    await sshd.resume();
    await app.waitForSession(
      session.id,
      (s) => s?.status === 'connected',
      'reconnected after sshd came back',
      30_000,
    );
    // Same session, same pane: the history from before the outage is still there, and so is what was
    // on screen when it dropped (printed again above the new login, then the replay file is gone).
    const after = await capturePane(socket, `=${session.id}:`, { history: true });
    expect(after).toContain('before-21');
    expect(after).toMatch(/^60$/m);
    expect(await readdir(join(home, 'replay'))).toEqual([]);
    await app.call('terminal:input', { terminalId: terminal.terminalId, data: 'echo after-$((20+2))\r' });
    await waitForPaneText(socket, `=${session.id}:`, /^after-22$/m);
    const final = await capturePane(socket, `=${session.id}:`, { history: true });
    expect(final.indexOf('\n60\n')).toBeLessThan(final.indexOf('\nafter-22'));
    expect((await app.session(session.id))?.reconnect).toBeUndefined();
  });

  it('reports a rejected key as an error and does not retry', async () => {
    const session = await open('ssh-config:wrongkey');
    const failed = await app.waitForSession(
      session.id,
      (s) => s?.status === 'error',
      'auth failure reported',
    );
    // In ssh's own words, and told as a host that could not be connected to.
    expect(failed?.reason).toMatch(/^\S+@127\.0\.0\.1: Permission denied \(publickey\)\.$/);
    expect(failed?.ending).toMatchObject({ kind: 'connect-failed', cause: 'auth' });
    expect(failed?.reconnect).toBeUndefined();
    expect(failed?.state).toBe('exited');
    // Reconnecting on request tries again, and fails the same way without looping.
    await app.call('sessions:reconnect', { sessionId: session.id });
    const again = await app.waitForSession(session.id, (s) => s?.status === 'error', 'auth failure again');
    expect(again?.reason).toMatch(/Permission denied \(publickey\)/);
  });

  it('reports a changed host key as an error naming the problem, and never connects', async () => {
    const session = await open('ssh-config:changedkey');
    const failed = await app.waitForSession(
      session.id,
      (s) => s?.status === 'error',
      'host key problem reported',
    );
    expect(failed?.reason).toMatch(
      /^Host key for \[127\.0\.0\.1\]:\d+ has changed and you have requested strict checking\.$/,
    );
    expect(failed?.ending).toMatchObject({ kind: 'connect-failed', cause: 'host-key' });
    const screen = await capturePane(socket, `=${session.id}:`, { history: true });
    expect(screen).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
  });
  it("applies the user's settings at once: an exited pane is kept, and 0 reconnect attempts means none", async () => {
    await app.call('settings:update', { patch: { keepClosedPanes: true, reconnectAttempts: 0 } });
    const kept = await open('ssh-config:box');
    await app.waitForSession(kept.id, (s) => s?.status === 'connected', 'connected');
    await waitForPaneText(socket, `=${kept.id}:`, /[$#] $/m);
    const terminal = await app.call<{ terminalId: string }>('terminal:attach', {
      sessionId: kept.id,
      cols: 100,
      rows: 30,
    });
    await app.call('terminal:input', {
      terminalId: terminal.terminalId,
      data: 'echo last-$((40+2)); exit\r',
    });
    const ended = await app.waitForSession(
      kept.id,
      (s) => s?.status === 'disconnected',
      'the exited pane kept',
    );
    expect(ended?.state).toBe('exited');
    expect(await capturePane(socket, `=${kept.id}:`, { history: true })).toMatch(/^last-42$/m);

    const dropped = await open('ssh-config:box');
    await app.waitForSession(dropped.id, (s) => s?.status === 'connected', 'connected before the outage');
    await sshd.interrupt();
    try {
      const gone = await app.waitForSession(dropped.id, (s) => s?.status === 'disconnected', 'disconnected');
      expect(gone?.reconnect).toBeUndefined();
    } finally {
      await sshd.resume();
      await app.call('settings:update', { patch: { keepClosedPanes: false, reconnectAttempts: 3 } });
    }
  });
});
