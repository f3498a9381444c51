import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { REQUEST_CHANNELS } from '../../../src-preload/api';
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

function openSocket(port: number, headers: Record<string, string>, path = '/ws') {
  return new Promise<{ socket?: WebSocket; status?: number }>((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    socket.once('error', () => resolve({}));
  });
}

describe('serve mode server', () => {
  let server: ServeServer;
  let renderer: string;
  let origin: string;
  let cookie: string;

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
    cookie = `muxdeck_token_${server.port}=${TOKEN}`;
  });
  afterAll(async () => {
    await server.close();
    await rm(renderer, { recursive: true, force: true });
  });

  it('prints a loopback URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('refuses requests without the token (401) and with a wrong one (403)', async () => {
    expect((await get(server.port, '/')).status).toBe(401);
    expect((await get(server.port, '/assets/app.js')).status).toBe(401);
    expect((await get(server.port, '/?token=nope')).status).toBe(403);
    expect((await get(server.port, '/', { cookie: `muxdeck_token_${server.port}=nope` })).status).toBe(401);
  });

  it('trades the URL token for an HttpOnly cookie and drops it from the address', async () => {
    const res = await get(server.port, '/?token=' + TOKEN);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    expect(String(res.headers['set-cookie'])).toMatch(
      new RegExp(`^${cookie}; HttpOnly; SameSite=Strict; Path=/`),
    );
  });

  it('serves the renderer with the cookie, with a strict CSP', async () => {
    const res = await get(server.port, '/', { cookie });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Muxdeck</title>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("object-src 'none'");
    expect((await get(server.port, '/assets/app.js', { cookie })).headers['content-type']).toContain(
      'javascript',
    );
  });

  it('never serves files outside the renderer', async () => {
    for (const path of [
      '/../../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2f..%2f..%2fetc%2fpasswd',
    ]) {
      const res = await get(server.port, path, { cookie });
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('root:');
    }
  });

  it('refuses a Host header that is not loopback (DNS rebinding)', async () => {
    expect((await get(server.port, '/', { cookie, host: `evil.example:${server.port}` })).status).toBe(403);
  });

  it('refuses WebSocket upgrades without the token or from another Origin', async () => {
    expect((await openSocket(server.port, { origin })).status).toBe(401);
    expect((await openSocket(server.port, { origin: 'http://evil.example', cookie })).status).toBe(403);
    expect((await openSocket(server.port, { cookie })).status).toBe(403);
  });

  it('serves the contract over an authorised WebSocket, validating every message', async () => {
    const { socket } = await openSocket(server.port, { origin, cookie });
    expect(socket).toBeDefined();
    if (!socket) return;
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
