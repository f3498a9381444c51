import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
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

  it('keeps its port and token across a restart, and --rotate-token makes a new token', async () => {
    const own = await makeTempDir('mx-cli-restart-');
    try {
      const ownEnv = { ...env(), MUXDECK_HOME: own };
      const first = await startServe(ownEnv);
      await first.stop();
      const second = await startServe(ownEnv);
      started.push(second);
      // Same URL: an open page's Reload and its kept token reach the new server.
      expect(second.url).toBe(first.url);
      const tokenFile = join(own, 'serve', 'token');
      expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
      expect(new URL(first.url).hash).toBe(`#token=${(await readFile(tokenFile, 'utf8')).trim()}`);

      // The remembered port is taken (by the running serve): a new one, said on stderr; same token.
      const third = await startServe(ownEnv);
      started.push(third);
      expect(new URL(third.url).port).not.toBe(new URL(first.url).port);
      expect(new URL(third.url).hash).toBe(new URL(first.url).hash);
      expect(third.output()).toMatch(/is taken now: serving on \d+/);
      await third.stop();

      await second.stop();
      const rotated = await startServe(ownEnv, ['--rotate-token']);
      started.push(rotated);
      // The port last used (the fallback's) is the one remembered.
      expect(new URL(rotated.url).port).toBe(new URL(third.url).port);
      expect(new URL(rotated.url).hash).toMatch(/^#token=[A-Za-z0-9_-]{43}$/);
      expect(new URL(rotated.url).hash).not.toBe(new URL(first.url).hash);
      await rotated.stop();
      // The rotated token is the one kept.
      const after = await startServe(ownEnv);
      started.push(after);
      expect(after.url).toBe(rotated.url);
      await after.stop();
    } finally {
      await removeDir(own);
    }
  });

  it('starts with a different token in a different MUXDECK_HOME', async () => {
    const other = await makeTempDir('mx-cli-other-');
    try {
      const a = await startServe(env());
      const b = await startServe({ ...env(), MUXDECK_HOME: other });
      started.push(a, b);
      expect(new URL(a.url).hash).toMatch(/^#token=./);
      expect(new URL(a.url).hash).not.toBe(new URL(b.url).hash);
      await b.stop();
    } finally {
      await removeDir(other);
    }
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
