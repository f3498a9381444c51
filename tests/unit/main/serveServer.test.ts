import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  REQUEST_CHANNELS,
  SERVE_SUBPROTOCOL,
  SERVE_TOKEN_SUBPROTOCOL_PREFIX,
} from '../../../src-preload/api';
import { createRouter, type Handlers } from '../../../src-main/router/router';
import { startServeServer, type ServeServer } from '../../../src-main/transport/serve/serveServer';

const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstu';

function get(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** What the page offers in the handshake: the protocol name and the token. */
const withToken = (token: string) => [SERVE_SUBPROTOCOL, SERVE_TOKEN_SUBPROTOCOL_PREFIX + token];

function openSocket(port: number, headers: Record<string, string>, protocols: string[] = [], path = '/ws') {
  return new Promise<{ socket?: WebSocket; status?: number }>((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, protocols, { headers });
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    socket.once('error', () => resolve({}));
  });
}

describe('serve mode server', () => {
  let server: ServeServer;
  let renderer: string;
  let origin: string;

  beforeAll(async () => {
    renderer = await mkdtemp(join(tmpdir(), 'mx-renderer-'));
    await mkdir(join(renderer, 'assets'));
    await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Muxdeck</title>');
    await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    const handlers = Object.fromEntries(REQUEST_CHANNELS.map((c) => [c, () => ({})])) as unknown as Handlers;
    handlers['app:info'] = () => ({ version: '9.9.9', platform: 'linux', transport: 'serve', home: '/x' });
    const router = createRouter({ handlers, logger: { info() {}, warn() {}, error() {} } });
    server = await startServeServer({
      router,
      rendererDir: renderer,
      token: TOKEN,
      host: '127.0.0.1',
      port: 0,
    });
    origin = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
    await rm(renderer, { recursive: true, force: true });
  });

  it('prints a loopback URL carrying the token in its fragment, which browsers never send', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${TOKEN}`);
  });

  it('serves the renderer, which holds no data, without the token and sets no cookie, with a strict CSP', async () => {
    const res = await get(server.port, '/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Muxdeck</title>');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("object-src 'none'");
    const script = await get(server.port, '/assets/app.js');
    expect(script.headers['content-type']).toContain('javascript');
    expect(script.headers['set-cookie']).toBeUndefined();
  });

  it('never takes the token from the query string or a cookie', async () => {
    // The old ways of carrying it: neither opens the API any more.
    expect(
      (await openSocket(server.port, { origin, cookie: `muxdeck_token_${server.port}=${TOKEN}` })).status,
    ).toBe(401);
    const query = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`, { headers: { origin } });
    const status = await new Promise<number>((resolve) =>
      query.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(401);
  });

  it('never serves files outside the renderer', async () => {
    for (const path of [
      '/../../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2f..%2f..%2fetc%2fpasswd',
    ]) {
      const res = await get(server.port, path);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('root:');
    }
  });

  it('refuses a Host header that is not loopback (DNS rebinding)', async () => {
    expect((await get(server.port, '/', { host: `evil.example:${server.port}` })).status).toBe(403);
  });

  it('refuses WebSocket upgrades without the token, with a wrong one, or from another Origin', async () => {
    expect((await openSocket(server.port, { origin })).status).toBe(401);
    expect((await openSocket(server.port, { origin }, [SERVE_SUBPROTOCOL])).status).toBe(401);
    expect((await openSocket(server.port, { origin }, withToken('nope'))).status).toBe(403);
    expect((await openSocket(server.port, { origin }, withToken(TOKEN.slice(0, -1) + 'X'))).status).toBe(403);
    expect((await openSocket(server.port, { origin: 'http://evil.example' }, withToken(TOKEN))).status).toBe(
      403,
    );
    expect((await openSocket(server.port, {}, withToken(TOKEN))).status).toBe(403);
    expect(
      (await openSocket(server.port, { origin, host: `evil.example:${server.port}` }, withToken(TOKEN)))
        .status,
    ).toBe(403);
  });

  it('serves the contract over an authorised WebSocket, validating every message', async () => {
    const { socket } = await openSocket(server.port, { origin }, withToken(TOKEN));
    expect(socket).toBeDefined();
    if (!socket) return;
    // The server answers with the protocol name only: the token is never echoed.
    expect(socket.protocol).toBe(SERVE_SUBPROTOCOL);
    const reply = new Promise<unknown>((resolve) =>
      socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')))),
    );
    socket.send(JSON.stringify({ type: 'invoke', id: 7, channel: 'app:info', payload: {} }));
    expect(await reply).toEqual({
      type: 'response',
      id: 7,
      response: { ok: true, result: { version: '9.9.9', platform: 'linux', transport: 'serve', home: '/x' } },
    });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'nonsense' }));
    expect(await closed).toBe(1008);
  });
});
