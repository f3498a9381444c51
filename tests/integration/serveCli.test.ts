import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../helpers/freePort';
import { startServe, type ServeProcess } from '../helpers/serveProcess';
import { makeFakeHome, type FakeHome } from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';

const BIN = resolve(__dirname, '../../bin/muxdeck.mjs');
const OUT = resolve(__dirname, '../../out');
const run = promisify(execFile);

function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((done, fail) => {
    request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    })
      .on('error', fail)
      .end();
  });
}

function status(url: string): Promise<number> {
  return new Promise((done, fail) => {
    request(url, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    })
      .on('error', fail)
      .end();
  });
}

describe('muxdeck serve, as a user runs it from the build', () => {
  let fake: FakeHome;
  let home: string;
  const started: ServeProcess[] = [];

  beforeAll(async () => {
    fake = await makeFakeHome();
    home = await makeTempDir('mx-cli-');
  });
  afterAll(async () => {
    for (const serve of started) await serve.stop();
    await fake.cleanup();
    await removeDir(home);
  });

  const env = () => ({ ...fake.env, MUXDECK_HOME: home, MUXDECK_LOG: 'quiet' });

  it('listens on the port it is given, on 127.0.0.1, and prints the token in the URL fragment', async () => {
    const port = await findFreePort();
    const serve = await startServe(env(), ['--port', String(port)]);
    started.push(serve);
    expect(serve.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/#token=[A-Za-z0-9_-]{43}$`));
    expect(serve.output()).not.toMatch(/WARNING/);
    // The page holds no data; the API (the WebSocket) is what needs the token.
    expect(await status(`http://127.0.0.1:${port}/`)).toBe(200);
    expect(await status(`http://127.0.0.1:${port}/ws`)).toBe(404);
  });

  it('serves the built renderer: npm run build made main, preload, renderer and the CLI', async () => {
    // What `npm run build` must produce; the CLI below runs out/main/cli.js, never src-main.
    for (const file of ['main/index.js', 'main/cli.js', 'preload/index.js', 'renderer/index.html'])
      expect(existsSync(join(OUT, file)), `out/${file}`).toBe(true);
    const serve = await startServe(env());
    started.push(serve);

    // The page and its bundle load without a cookie: the token stays in the URL's fragment.
    const page = await get(serve.url);
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.body).toContain('<title>Muxdeck</title>');
    const script = /<script type="module" crossorigin src="\.\/(assets\/index-[\w-]+\.js)"/.exec(
      page.body,
    )?.[1];
    expect(
      script && existsSync(join(OUT, 'renderer', script)),
      'the page names a bundle of out/renderer',
    ).toBe(true);
    const bundle = await get(new URL(`/${script}`, serve.url).href);
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
  });

  it('prints a different token on every start', async () => {
    const a = await startServe(env());
    const b = await startServe(env());
    started.push(a, b);
    expect(new URL(a.url).hash).toMatch(/^#token=./);
    expect(new URL(a.url).hash).not.toBe(new URL(b.url).hash);
  });

  it('widens the bind address only when --host is given, and warns', async () => {
    // 127.0.0.2 is still loopback on Linux, so the test reaches no other address.
    const serve = await startServe(env(), ['--host', '127.0.0.2']);
    started.push(serve);
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/#token=/);
    expect(serve.output()).toMatch(/WARNING: muxdeck serve is listening on 127\.0\.0\.2, beyond loopback/);
  });

  it('rejects a bad --port with a clear message and a usage exit code', async () => {
    const failure = await run(process.execPath, [BIN, 'serve', '--port', 'eighty'], { env: env() }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('--port must be a number') });
  });

  it('rejects an unknown command and an unknown option', async () => {
    const unknown = await run(process.execPath, [BIN, 'sreve'], { env: env() }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "sreve"') });
    const option = await run(process.execPath, [BIN, 'serve', '--hots', 'x'], { env: env() }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(option).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--hots'") });
  });
});
