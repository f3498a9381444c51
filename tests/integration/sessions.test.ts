import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../src-preload/api';
import { composeServices, type MuxdeckServices } from '../../src-main/app/compose';
import { loadNodePtySpawner } from '../../src-main/platform/nodePtySpawner';
import type { RouterConnection } from '../../src-main/router/router';
import {
  makeFakeHome,
  startSshd,
  writeSshClientConfig,
  type FakeHome,
  type SshdHandle,
} from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { capturePane, killServer, tmuxCommand, waitForPaneText } from '../helpers/tmux';
import { waitFor } from '../helpers/waitFor';

const RESOURCES = resolve(__dirname, '../../resources');
const silent = { info() {}, warn() {}, error() {} };

/** One "app start": services composed over the same MUXDECK_HOME, and a renderer connection. */
async function startApp(home: string, fake: FakeHome) {
  const services = await composeServices({
    home,
    resourcesDir: RESOURCES,
    transport: 'serve',
    version: 'test',
    env: fake.env,
    logger: silent,
    spawner: await loadNodePtySpawner(),
  });
  const events: EventMessage[] = [];
  const connection = services.router.connect((m) => events.push(m));
  const call = async (channel: string, payload: unknown) => {
    const response = await connection.invoke(channel, payload);
    if (!response.ok) throw new Error(`${channel}: ${response.error.message}`);
    return response.result as Record<string, unknown>;
  };
  const output = (terminalId: string) =>
    events
      .filter((e) => e.event === 'terminal:data' && e.payload.terminalId === terminalId)
      .map((e) => (e.event === 'terminal:data' ? e.payload.data : ''))
      .join('');
  return { services, connection, events, call, output };
}

describe('sessions through the services: real sshd, real tmux, real ptys', () => {
  let sshd: SshdHandle;
  let fake: FakeHome;
  let muxHome: string;
  let proofDir: string;
  let services: MuxdeckServices | undefined;
  let connection: RouterConnection | undefined;

  beforeAll(async () => {
    sshd = await startSshd();
    fake = await makeFakeHome();
    await writeSshClientConfig({
      file: fake.configFile,
      hosts: [{ alias: 'box', sshd }],
      knownHostsFile: fake.knownHostsFile,
    });
    muxHome = await makeTempDir('mx-home-');
    proofDir = await makeTempDir('mx-proof-');
  });

  afterAll(async () => {
    connection?.dispose();
    services?.dispose();
    if (muxHome) await killServer(join(muxHome, 'tmux.sock'));
    await sshd?.stop();
    await fake?.cleanup();
    await removeDir(muxHome);
    await removeDir(proofDir);
  });

  it('opens ssh in the private tmux, survives the client being killed, and reattaches after a restart', async () => {
    const first = await startApp(muxHome, fake);
    services = first.services;
    connection = first.connection;

    const { hosts } = (await first.call('tree:get', {})) as { hosts: Array<{ id: string; label: string }> };
    expect(hosts.map((h) => h.label)).toEqual(['box']);

    const session = (await first.call('sessions:open', {
      hostId: 'ssh-config:box',
      cols: 100,
      rows: 30,
    })) as {
      id: string;
      label: string;
    };
    expect(session.label).toBe('box');
    const socket = first.services.paths.tmuxSocket;
    expect(socket).toBe(join(muxHome, 'tmux.sock'));

    const { terminalId } = (await first.call('terminal:attach', {
      sessionId: session.id,
      cols: 100,
      rows: 30,
    })) as {
      terminalId: string;
    };

    // Typed input reaches the remote shell: prove it by a side effect on the "host" and by the output.
    const proof = join(proofDir, 'typed-through-ssh');
    await first.call('terminal:input', { terminalId, data: `touch ${proof}; echo marker-$((6*7))\r` });
    await waitFor(() => existsSync(proof), {
      timeoutMs: 20_000,
      describe: 'the file the remote command creates',
    });
    await waitForPaneText(socket, `=${session.id}:`, /marker-42/);
    await waitFor(() => first.output(terminalId).includes('marker-42'), {
      timeoutMs: 10_000,
      describe: 'marker-42 in the terminal:data events',
    });

    // Ctrl+C interrupts a running command.
    await first.call('terminal:input', { terminalId, data: 'sleep 600\r' });
    await waitForPaneText(socket, `=${session.id}:`, /sleep 600/);
    await first.call('terminal:input', { terminalId, data: '\x03' });
    await first.call('terminal:input', { terminalId, data: 'echo after-interrupt\r' });
    await waitForPaneText(socket, `=${session.id}:`, /^after-interrupt$/m);

    // Resizing the terminal resizes the tmux window.
    await first.call('terminal:resize', { terminalId, cols: 90, rows: 25 });
    await waitFor(
      async () =>
        (
          await tmuxCommand(socket, [
            'display',
            '-p',
            '-t',
            `=${session.id}:`,
            '#{window_width}x#{window_height}',
          ])
        ).stdout.trim() === '90x25',
      { timeoutMs: 10_000, describe: 'tmux to apply the new terminal size' },
    );
    await first.call('terminal:input', { terminalId, data: 'stty size\r' });
    await waitForPaneText(socket, `=${session.id}:`, /^25 90$/m);

    // Something that scrolls off the screen: after the restart it must still be in the scrollback.
    await first.call('terminal:input', { terminalId, data: 'echo early-$((1+1))-marker; seq 1 80\r' });
    await waitForPaneText(socket, `=${session.id}:`, /^80$/m);

    // The app goes away without detaching anything (a crash): the session must live on in tmux.
    services = undefined;
    connection = undefined;
    first.services.dispose();
    expect(first.services.terminals.count).toBe(0);

    const second = await startApp(muxHome, fake);
    services = second.services;
    connection = second.connection;
    const sessions = (await second.call('sessions:list', {})) as unknown as Array<{
      id: string;
      state: string;
    }>;
    expect(sessions).toEqual([
      expect.objectContaining({ id: session.id, label: 'box', hostId: 'ssh-config:box', state: 'running' }),
    ]);

    const again = (await second.call('terminal:attach', { sessionId: session.id, cols: 90, rows: 25 })) as {
      terminalId: string;
    };
    // The reattached terminal gets the history first, so the user can scroll back past the restart.
    await waitFor(() => second.output(again.terminalId).includes('early-2-marker'), {
      timeoutMs: 10_000,
      describe: 'the history from before the restart in the reattached terminal',
    });
    await second.call('terminal:input', {
      terminalId: again.terminalId,
      data: 'echo still-$((40+2))-here\r',
    });
    await waitFor(() => second.output(again.terminalId).includes('still-42-here'), {
      timeoutMs: 10_000,
      describe: 'output of the reattached session',
    });
    const history = await capturePane(socket, `=${session.id}:`, { history: true });
    expect(history).toContain('marker-42');

    // Closing the session is what ends it.
    expect(await second.call('sessions:close', { sessionId: session.id })).toEqual({ closed: true });
    expect(await second.call('sessions:list', {})).toEqual([]);
  });
});
