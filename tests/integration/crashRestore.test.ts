import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  SERVE_SUBPROTOCOL,
  SERVE_TOKEN_SUBPROTOCOL_PREFIX,
  type SessionInfo,
  type WireServerMessage,
} from '../../src-preload/api';
import { startServe, type ServeProcess } from '../helpers/serveProcess';
import {
  makeFakeHome,
  startSshd,
  writeSshClientConfig,
  type FakeHome,
  type SshdHandle,
} from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer, waitForPaneText } from '../helpers/tmux';
import { waitFor } from '../helpers/waitFor';

/** A renderer-like client of a running `muxdeck serve`, over its WebSocket. */
async function connect(serve: ServeProcess) {
  const url = new URL(serve.url);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  const socket = new WebSocket(
    `ws://${url.host}/ws`,
    [SERVE_SUBPROTOCOL, SERVE_TOKEN_SUBPROTOCOL_PREFIX + token],
    { headers: { origin: `http://${url.host}` } },
  );
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const output = new Map<string, string>();
  const pending = new Map<number, (message: WireServerMessage & { type: 'response' }) => void>();
  socket.on('message', (raw: Buffer) => {
    const message = JSON.parse(raw.toString('utf8')) as WireServerMessage;
    if (message.type === 'response') pending.get(message.id)?.(message);
    else if (message.message.event === 'terminal:data') {
      const { terminalId, data } = message.message.payload;
      output.set(terminalId, (output.get(terminalId) ?? '') + data);
    }
  });
  let nextId = 1;
  return {
    output: (terminalId: string) => output.get(terminalId) ?? '',
    async call<T>(channel: string, payload: unknown): Promise<T> {
      const id = nextId++;
      const reply = new Promise<WireServerMessage & { type: 'response' }>((resolve) =>
        pending.set(id, resolve),
      );
      socket.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
      const { response } = await reply;
      if (!response.ok) throw new Error(`${channel}: ${response.error.message}`);
      return response.result as T;
    },
    close: () => socket.close(),
  };
}

describe('the app process is killed with three sessions open', () => {
  let sshd: SshdHandle;
  let fake: FakeHome;
  let home: string;
  let serve: ServeProcess | undefined;

  beforeAll(async () => {
    sshd = await startSshd();
    fake = await makeFakeHome();
    home = await makeTempDir('mx-crash-');
    await writeSshClientConfig({
      file: fake.configFile,
      hosts: ['alpha', 'beta', 'gamma'].map((alias) => ({ alias, sshd })),
      knownHostsFile: fake.knownHostsFile,
    });
  });

  afterAll(async () => {
    await serve?.stop();
    await killServer(join(home, 'tmux.sock'));
    await sshd?.stop();
    await fake?.cleanup();
    await removeDir(home);
  });

  it('restarts with the same three sessions, each with its scrollback', async () => {
    const env = { ...fake.env, MUXDECK_HOME: home, MUXDECK_LOG: 'quiet' };
    serve = await startServe(env);
    const before = await connect(serve);
    const opened: SessionInfo[] = [];
    for (const host of ['alpha', 'beta', 'gamma']) {
      const session = await before.call<SessionInfo>('sessions:open', {
        hostId: `ssh-config:${host}`,
        cols: 90,
        rows: 20,
      });
      const { terminalId } = await before.call<{ terminalId: string }>('terminal:attach', {
        sessionId: session.id,
        cols: 90,
        rows: 20,
      });
      // A marker that scrolls off the screen, so only the scrollback can bring it back.
      await before.call('terminal:input', { terminalId, data: `echo scroll-${host}; seq 1 40\r` });
      await waitForPaneText(join(home, 'tmux.sock'), `=${session.id}:`, /^40$/m);
      opened.push(session);
    }

    await serve.crash();
    serve = await startServe(env);
    const after = await connect(serve);
    const sessions = await after.call<SessionInfo[]>('sessions:list', {});
    expect(sessions.map((s) => s.label).sort()).toEqual(['alpha', 'beta', 'gamma']);
    expect(sessions.map((s) => s.id).sort()).toEqual(opened.map((s) => s.id).sort());
    for (const session of sessions) {
      expect(session.state).toBe('running');
      const { terminalId } = await after.call<{ terminalId: string }>('terminal:attach', {
        sessionId: session.id,
        cols: 90,
        rows: 20,
      });
      await waitFor(() => after.output(terminalId).includes(`scroll-${session.label}`), {
        timeoutMs: 10_000,
        describe: `the scrollback of ${session.label} after the restart`,
      });
    }
    after.close();
    before.close();
  });
});
