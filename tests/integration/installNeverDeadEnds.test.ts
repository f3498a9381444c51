import { execFile } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeProcess } from '../helpers/serveProcess';
import { makeFakeHome, type FakeHome } from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';

/**
 * A new user's first commands on a machine where Electron's binary cannot be downloaded (behind a
 * proxy, offline, and every machine here): `npm install` still succeeds and says what is missing,
 * `npm start` still ends with Muxdeck served, and the packed CLI runs without the repository.
 */

const REPO = resolve(__dirname, '../..');
const INSTALL_TIMEOUT_MS = 15 * 60_000;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((done) => {
    execFile(
      file,
      args,
      { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: INSTALL_TIMEOUT_MS },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** Loads the URL as a browser would (one redirect, its cookie kept) and returns the final page. */
function load(url: string, cookie = ''): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    request(url, { headers: cookie ? { Cookie: cookie } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        const location = res.headers.location;
        if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && location && !cookie) {
          const next = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
          load(new URL(location, url).href, next || 'none=1').then(done, fail);
          return;
        }
        done({ status: res.statusCode ?? 0, body });
      });
    })
      .on('error', fail)
      .end();
  });
}

describe('an install that never dead-ends', () => {
  let dir: string;
  let fake: FakeHome;
  let clone: string;
  let env: NodeJS.ProcessEnv;
  const started: ServeProcess[] = [];

  beforeAll(async () => {
    dir = await makeTempDir('mx-install-');
    fake = await makeFakeHome();
    clone = join(dir, 'muxdeck');
    const head = await run('git', ['rev-parse', 'HEAD'], REPO, process.env);
    await run('git', ['clone', '--quiet', '--no-checkout', REPO, clone], dir, process.env);
    await run('git', ['checkout', '--quiet', head.stdout.trim()], clone, process.env);
    env = { ...process.env, ...fake.env, MUXDECK_HOME: join(dir, 'home'), MUXDECK_LOG: 'quiet' };
    // Electron's download fails as behind a proxy: an unreachable mirror and an empty download cache.
    delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
    env.ELECTRON_MIRROR = 'http://127.0.0.1:9/';
    env.electron_config_cache = join(dir, 'electron-cache');
  }, INSTALL_TIMEOUT_MS);

  afterAll(async () => {
    for (const serve of started) await serve.stop();
    await fake.cleanup();
    await removeDir(dir);
  });

  it(
    'npm install succeeds without Electronʼs binary, and says in one sentence what is missing and how to get it',
    async () => {
      const installed = await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], clone, env);
      expect(installed.code, `${installed.stdout}\n${installed.stderr}`).toBe(0);
      const said = installed.stdout.split('\n').filter((line) => line.startsWith('Muxdeck:'));
      expect(said.join('\n')).toMatch(
        /could not download Electron's binary \(.+\)\..*npm run fetch-electron/,
      );
      expect(installed.stdout + installed.stderr).not.toMatch(/^\s+at /m);

      // The doctor then says the same: Electron missing (optional), what the terminals need there.
      const doctor = await run(
        process.execPath,
        [join(clone, 'bin', 'muxdeck.mjs'), 'doctor', '--json'],
        clone,
        env,
      );
      const report = JSON.parse(doctor.stdout) as {
        ok: boolean;
        checks: Array<{ id: string; ok: boolean; level: string }>;
      };
      const check = (id: string) => report.checks.find((c) => c.id === id);
      expect(check('electron')).toMatchObject({ ok: false, level: 'optional' });
      for (const id of ['node', 'ssh', 'tmux', 'home']) expect(check(id), id).toMatchObject({ ok: true });
      expect(doctor.code).toBe(report.ok ? 0 : 1);
    },
    INSTALL_TIMEOUT_MS,
  );

  it(
    'npm start then says Electron is missing and serves Muxdeck instead',
    async () => {
      const serve = await startServe(env, [], {
        file: 'npm',
        args: ['start'],
        cwd: clone,
        timeoutMs: 5 * 60_000,
        group: true,
      });
      started.push(serve);
      expect(serve.output()).toMatch(/Electron's binary is not installed .*opens in your browser/);
      const page = await load(serve.url);
      expect(page.status).toBe(200);
      expect(page.body).toContain('<div id="root">');
    },
    6 * 60_000,
  );

  it(
    'the packed CLI installs into an empty folder and runs inventory and serve without the repository or Electron',
    async () => {
      const packed = await run('npm', ['pack', '--pack-destination', dir], clone, env);
      expect(packed.code, packed.stderr).toBe(0);
      const tarball = (await readdir(dir)).find((name) => /^muxdeck-.*\.tgz$/.test(name));
      expect(tarball).toBeDefined();
      const elsewhere = join(dir, 'elsewhere');
      await run('mkdir', ['-p', elsewhere], dir, env);
      await writeFile(join(elsewhere, 'package.json'), '{"name":"elsewhere","private":true}\n');
      const installed = await run(
        'npm',
        ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, tarball ?? '')],
        elsewhere,
        env,
      );
      expect(installed.code, `${installed.stdout}\n${installed.stderr}`).toBe(0);
      const bin = join(elsewhere, 'node_modules', 'muxdeck', 'bin', 'muxdeck.mjs');
      // No repository, no Electron, no build tools: only what the package carries.
      const listed = await run('npm', ['ls', '--all', '--parseable'], elsewhere, env);
      expect(listed.stdout).not.toMatch(/node_modules\/(electron|electron-vite|vite|react)$/m);

      const inventory = join(elsewhere, 'hosts.ini');
      await writeFile(inventory, '[web]\nweb-01 ansible_host=10.0.0.1\n');
      const listedHosts = await run(
        process.execPath,
        [bin, 'inventory', '--ansible', inventory, '--list'],
        elsewhere,
        env,
      );
      expect(listedHosts.code, listedHosts.stderr).toBe(0);
      expect(JSON.parse(listedHosts.stdout)).toMatchObject({ web: { hosts: ['web-01'] } });

      const serve = await startServe(env, [], {
        file: process.execPath,
        args: [bin, 'serve'],
        cwd: elsewhere,
      });
      started.push(serve);
      const page = await load(serve.url);
      expect(page.status).toBe(200);
      expect(page.body).toContain('<div id="root">');
    },
    INSTALL_TIMEOUT_MS,
  );
});
