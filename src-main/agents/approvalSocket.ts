import { chmodSync, existsSync, lstatSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { z } from 'zod';
import { AGENT_APPROVAL_TIMEOUT_MS, AgentApprovalAnswer, AgentApprovalRequest } from '../../src-preload/api';
import type { ApprovalDesk } from './approvalDesk';

/** A command of RUN_MAX_COMMAND_CHARS, JSON-escaped, and the rest of the request. */
const MAX_REQUEST_BYTES = 256 * 1024;
const Reply = z.object({ answer: AgentApprovalAnswer }).strict();

/** What asking the running app came to: the user's answer, or that no app is there to ask. */
export type AppApproval = AgentApprovalAnswer | 'no-app';

/**
 * The running app listens here for `muxdeck mcp`'s "ask": a Unix socket of mode 0600 in Muxdeck's own
 * private directory (like the askpass socket), so only this user's processes reach it — the same people
 * who could edit the policy anyway. One JSON request line, one JSON answer line; the connection closing
 * first (the agent went away) withdraws the prompt.
 */
export async function startApprovalServer(opts: { socketPath: string; desk: ApprovalDesk }): Promise<Server> {
  if (existsSync(opts.socketPath)) unlinkSync(opts.socketPath);
  const server = createServer((socket) => {
    let buffer = '';
    const gone = new AbortController();
    socket.setEncoding('utf8');
    socket.on('close', () => gone.abort());
    socket.on('error', () => socket.destroy());
    const onData = (chunk: string): void => {
      buffer += chunk;
      if (buffer.length > MAX_REQUEST_BYTES) return void socket.destroy();
      const newline = buffer.indexOf('\n');
      if (newline === -1) return;
      socket.off('data', onData);
      let request: AgentApprovalRequest;
      try {
        request = AgentApprovalRequest.parse(JSON.parse(buffer.slice(0, newline)));
      } catch {
        return void socket.end(`${JSON.stringify({ answer: 'deny' })}\n`);
      }
      void opts.desk.ask(request, gone.signal).then((answer) => {
        if (!socket.destroyed) socket.end(`${JSON.stringify({ answer })}\n`);
      });
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.socketPath, () => resolve());
  });
  chmodSync(opts.socketPath, 0o600);
  return server;
}

/**
 * `muxdeck mcp`'s side: asks the running app and waits for the user (a little past the app's own
 * deadline, which answers deny). 'no-app' when nothing listens — or when the socket is not one this user
 * alone owns, which is not an app to trust with the question.
 */
export function askRunningApp(
  socketPath: string,
  request: AgentApprovalRequest,
  opts: { uid?: number; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<AppApproval> {
  const uid = opts.uid ?? process.getuid?.();
  try {
    const stat = lstatSync(socketPath);
    if (!stat.isSocket() || (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o077) !== 0)))
      return Promise.resolve('no-app');
  } catch {
    return Promise.resolve('no-app');
  }
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    let buffer = '';
    let connected = false;
    const done = (answer: AppApproval): void => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(answer);
    };
    const onAbort = () => done('deny');
    const timer = setTimeout(() => done('deny'), opts.timeoutMs ?? AGENT_APPROVAL_TIMEOUT_MS + 5_000);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    socket.setEncoding('utf8');
    socket.once('connect', () => {
      connected = true;
      socket.write(`${JSON.stringify(request)}\n`);
    });
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.length > 1024) return done('deny');
      const newline = buffer.indexOf('\n');
      if (newline === -1) return;
      try {
        done(Reply.parse(JSON.parse(buffer.slice(0, newline))).answer);
      } catch {
        done('deny');
      }
    });
    // A stale socket file (the app crashed): nobody to ask. A drop after connecting: no answer, a deny.
    socket.on('error', () => done(connected ? 'deny' : 'no-app'));
    socket.on('close', () => done(connected ? 'deny' : 'no-app'));
  });
}
