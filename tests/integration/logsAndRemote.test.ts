import { readFile, readlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src-preload/api';
import { startAppUnderTest, type AppUnderTest } from '../helpers/appUnderTest';
import {
  makeFakeHome,
  startSshd,
  writeSshClientConfig,
  type FakeHome,
  type SshdHandle,
} from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { runCommand } from '../helpers/runCommand';
import { killServer, waitForPaneText } from '../helpers/tmux';
import { waitFor } from '../helpers/waitFor';

/**
 * Per-folder settings a user sets in the tree reach the session: logging writes the pane's
 * output to a file, and remote persistence runs the shell in a tmux on the host itself.
 */
describe('session logs and remote persistence, set on a folder', () => {
  let sshd: SshdHandle;
  let fake: FakeHome;
  let home: string;
  let app: AppUnderTest;
  let socket: string;

  beforeAll(async () => {
    sshd = await startSshd();
    fake = await makeFakeHome();
    home = await makeTempDir('mx-logs-');
    await writeSshClientConfig({
      file: fake.configFile,
      hosts: [
        { alias: 'logged', sshd },
        { alias: 'remote', sshd },
        { alias: 'plain', sshd },
      ],
      knownHostsFile: fake.knownHostsFile,
    });
    app = await startAppUnderTest(home, fake.env);
    socket = app.services.paths.tmuxSocket;
  });

  afterAll(async () => {
    app?.crash();
    if (home) await killServer(join(home, 'tmux.sock'));
    // The remote "host" is this machine: its remote-mode tmux runs on the -L muxdeck socket.
    await runCommand('tmux', ['-L', 'muxdeck', 'kill-server']);
    await sshd?.stop();
    await fake?.cleanup();
    await removeDir(home);
  });

  async function putInFolder(hostId: string, settings: Record<string, unknown>): Promise<void> {
    const created = await app.call<{ createdIds: string[] }>('tree:apply', {
      mutations: [{ op: 'folder.create', name: `folder for ${hostId}`, parentId: null, settings }],
    });
    await app.call('tree:apply', {
      mutations: [{ op: 'host.move', hostIds: [hostId], folderId: created.createdIds[0] }],
    });
  }

  const open = (hostId: string) => app.call<SessionInfo>('sessions:open', { hostId, cols: 100, rows: 30 });

  it('logs everything the session prints to a timestamped file with a latest link, when the folder says so', async () => {
    await putInFolder('ssh-config:logged', { logging: true });
    const session = await open('ssh-config:logged');
    expect(session.logFile).toMatch(
      new RegExp(`^${home}/logs/logged/\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}Z-${session.id}\\.log$`),
    );
    await app.waitForSession(session.id, (s) => s?.status === 'connected', 'connected');
    const terminal = await app.call<{ terminalId: string }>('terminal:attach', {
      sessionId: session.id,
      cols: 100,
      rows: 30,
    });
    await waitForPaneText(socket, `=${session.id}:`, /[$#] ?$/m);
    await app.call('terminal:input', { terminalId: terminal.terminalId, data: 'echo logged-$((7*6))\r' });
    await waitForPaneText(socket, `=${session.id}:`, /^logged-42$/m);
    const file = session.logFile ?? '';
    await waitFor(async () => (await readFile(file, 'utf8').catch(() => '')).includes('logged-42'), {
      timeoutMs: 10_000,
      describe: 'the output in the log file',
    });
    expect(await readlink(join(dirname(file), 'latest.log'))).toBe(file);
  });

  it('does not log a host whose folder does not ask for it', async () => {
    const session = await open('ssh-config:remote');
    expect(session.logFile).toBeUndefined();
    await app.call('sessions:close', { sessionId: session.id });
  });

  it('runs the shell in a tmux on the host in remote mode, which outlives the ssh connection', async () => {
    await putInFolder('ssh-config:remote', { persistence: 'remote' });
    const session = await open('ssh-config:remote');
    expect(session.mode).toBe('remote');
    await app.waitForSession(session.id, (s) => s?.status === 'connected', 'connected in remote mode');
    const terminal = await app.call<{ terminalId: string }>('terminal:attach', {
      sessionId: session.id,
      cols: 100,
      rows: 30,
    });
    await app.call('terminal:input', {
      terminalId: terminal.terminalId,
      data: 'export MARK=remote-$((40+2)); echo $TMUX\r',
    });
    await waitForPaneText(socket, `=${session.id}:`, /muxdeck,\d+,\d+/);

    // The connection drops: Muxdeck reconnects, and the remote tmux gives back the same shell.
    await sshd.interrupt();
    await app.waitForSession(session.id, (s) => s?.status === 'disconnected', 'disconnected');
    await sshd.resume();
    await app.waitForSession(session.id, (s) => s?.status === 'connected', 'reconnected', 30_000);
    await app.call('terminal:input', { terminalId: terminal.terminalId, data: 'echo still $MARK\r' });
    await waitForPaneText(socket, `=${session.id}:`, /^still remote-42$/m);
  });

  it('runs ssh without tmux in direct mode, replays its output to a new terminal, and closes on exit', async () => {
    await putInFolder('ssh-config:plain', { persistence: 'direct' });
    const session = await open('ssh-config:plain');
    expect(session).toMatchObject({ mode: 'direct', label: 'plain' });
    expect(session.id).toMatch(/^dx-/);
    await app.waitForSession(session.id, (s) => s?.status === 'connected', 'connected in direct mode');
    // Not a tmux session: nothing in Muxdeck's tmux server carries it.
    const inTmux = await runCommand('tmux', ['-S', socket, 'list-sessions', '-F', '#{session_name}']);
    expect(inTmux.stdout).not.toContain(session.id);

    const first = await app.call<{ terminalId: string }>('terminal:attach', {
      sessionId: session.id,
      cols: 100,
      rows: 30,
    });
    await app.call('terminal:input', { terminalId: first.terminalId, data: 'echo direct-$((6*7))\r' });
    await waitFor(() => app.output(first.terminalId).includes('direct-42'), {
      timeoutMs: 10_000,
      describe: 'direct output',
    });
    await app.call('terminal:detach', { terminalId: first.terminalId });

    // A window reload attaches again: what the session printed so far comes back first.
    const second = await app.call<{ terminalId: string }>('terminal:attach', {
      sessionId: session.id,
      cols: 100,
      rows: 30,
    });
    await waitFor(() => app.output(second.terminalId).includes('direct-42'), {
      timeoutMs: 10_000,
      describe: 'replayed output',
    });
    await app.call('terminal:input', { terminalId: second.terminalId, data: 'exit\r' });
    await app.waitForSession(session.id, (s) => s === undefined, 'the direct session to close after exit');
  });
});
