import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../helpers/freePort';
import { startServe, type ServeProcess } from '../helpers/serveProcess';
import { makeFakeHome, type FakeHome } from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';

const BIN = resolve(__dirname, '../../bin/muxdeck.mjs');
const run = promisify(execFile);

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

  it('listens on the port it is given, on 127.0.0.1, and refuses requests without the token', async () => {
    const port = await findFreePort();
    const serve = await startServe(env(), ['--port', String(port)]);
    started.push(serve);
    expect(serve.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?token=[A-Za-z0-9_-]{43}$`));
    expect(serve.output()).not.toMatch(/WARNING/);
    expect(await status(`http://127.0.0.1:${port}/`)).toBe(401);
    expect(await status(serve.url)).toBe(302);
  });

  it('prints a different token on every start', async () => {
    const a = await startServe(env());
    const b = await startServe(env());
    started.push(a, b);
    expect(new URL(a.url).searchParams.get('token')).not.toBe(new URL(b.url).searchParams.get('token'));
  });

  it('widens the bind address only when --host is given, and warns', async () => {
    // 127.0.0.2 is still loopback on Linux, so the test reaches no other address.
    const serve = await startServe(env(), ['--host', '127.0.0.2']);
    started.push(serve);
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/\?token=/);
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
