import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { z } from 'zod';
import { tokensEqual } from '../transport/serve/accessToken';
import type { AskpassBroker } from './askpassBroker';
import type { AskpassCaller, AskpassCallerCheck } from './askpassCaller';

/** One JSON line from the helper: a question, or a secret the user chose to save. */
const AskpassMessage = z.object({
  token: z.string().max(128),
  session: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  prompt: z.string().max(1024),
  sshPid: z.number().int().min(1),
  save: z.string().max(4096).optional(),
});

const MAX_MESSAGE_BYTES = 8 * 1024;

interface ServeOptions {
  token: string;
  broker: AskpassBroker;
  callers: AskpassCallerCheck;
}

/**
 * The private socket the askpass helper talks to: mode 0600 in Muxdeck's own directory, and a
 * per-run token besides, so only the helpers of this Muxdeck get answers. Who is really calling is
 * the platform's check (`callers`), not what the request says. Secrets cross it once, in memory,
 * to the helper's stdout and on to ssh: never argv, environment, files or logs.
 */
export async function startAskpassServer(opts: ServeOptions & { socketPath: string }): Promise<Server> {
  if (existsSync(opts.socketPath)) unlinkSync(opts.socketPath);
  const server = createServer((socket) => serve(socket, opts));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.socketPath, () => resolve());
  });
  chmodSync(opts.socketPath, 0o600);
  return server;
}

function serve(socket: Socket, opts: ServeOptions): void {
  let buffer = '';
  socket.setEncoding('utf8');
  socket.setTimeout(30_000, () => socket.destroy());
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    if (buffer.length > MAX_MESSAGE_BYTES) return void socket.destroy();
    const newline = buffer.indexOf('\n');
    if (newline === -1) return;
    const line = buffer.slice(0, newline);
    socket.removeAllListeners('data');
    void answer(line, socket, opts).then(
      (reply) => socket.end(`${JSON.stringify(reply)}\n`),
      () => socket.end(`${JSON.stringify({ kind: 'refuse', reason: 'Muxdeck could not answer.' })}\n`),
    );
  });
  socket.on('error', () => socket.destroy());
}

async function answer(line: string, socket: Socket, opts: ServeOptions): Promise<unknown> {
  let parsed: z.infer<typeof AskpassMessage>;
  try {
    parsed = AskpassMessage.parse(JSON.parse(line));
  } catch {
    return { kind: 'refuse', reason: 'Malformed request.' };
  }
  if (!tokensEqual(opts.token, parsed.token)) return { kind: 'refuse', reason: 'Not authorised.' };
  const request = { session: parsed.session, prompt: parsed.prompt, sshPid: parsed.sshPid };
  const caller: AskpassCaller = {
    isHelperOf: (sessionSshPid) =>
      opts.callers.isSessionHelper(socket, { sshPid: parsed.sshPid, sessionSshPid }),
  };
  if (parsed.save !== undefined)
    return { kind: 'saved', saved: await opts.broker.save(request, parsed.save, caller) };
  return opts.broker.answer(request, caller);
}
