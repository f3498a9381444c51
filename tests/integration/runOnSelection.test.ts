import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFileStore } from '../../src-main/platform/nodeFileStore';
import { systemClock } from '../../src-main/platform/systemClock';
import type { RunJsonDocument } from '../../src-main/run/runExport';
import { DurableStore } from '../../src-main/store/durableStore';
import { storePaths } from '../../src-main/store/storePaths';
import { findFreePort } from '../helpers/freePort';
import { runCommand } from '../helpers/runCommand';
import {
  makeFakeHome,
  startSshd,
  writeSshClientConfig,
  type FakeHome,
  type SshdHandle,
} from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';

const BIN = resolve(__dirname, '../../bin/muxdeck.mjs');
/** Each server says who it is and how long it sleeps, so one command behaves per host. */
const COMMAND = 'sleep "${MX_DELAY:-0}"; echo "hello from $MX_NAME"; echo "note on stderr" >&2';

const accepted = (sshd: SshdHandle) => (sshd.logs().match(/Accepted publickey/g) ?? []).length;

describe('muxdeck run against real sshd: one host fine, one down, one slow', () => {
  let fast: SshdHandle;
  let slow: SshdHandle;
  let fake: FakeHome;
  let muxHome: string;
  let proof: string;

  beforeAll(async () => {
    [fast, slow] = await Promise.all([
      startSshd({ setEnv: { MX_NAME: 'fast' } }),
      startSshd({ setEnv: { MX_NAME: 'slow', MX_DELAY: '30' } }),
    ]);
    fake = await makeFakeHome();
    // Nothing listens there: a host that is down.
    const closedPort = await findFreePort();
    await writeSshClientConfig({
      file: fake.configFile,
      hosts: [
        { alias: 'good', sshd: fast },
        { alias: 'sleepy', sshd: slow },
      ],
      knownHostsFile: fake.knownHostsFile,
      extra: [
        `Host down\n  HostName 127.0.0.1\n  Port ${closedPort}\n  User nobody`,
        // A hostile alias: ssh would read it as an option if it ever reached its command line.
        'Host -oProxyCommand=touch\n  HostName 127.0.0.1',
      ].join('\n'),
    });
    muxHome = await makeTempDir('mx-run-home-');
    proof = await makeTempDir('mx-run-proof-');
  });

  afterAll(async () => {
    // Stopping the servers also ends the shared master connections the runs left behind.
    await Promise.all([fast?.stop(), slow?.stop()]);
    await fake?.cleanup();
    await removeDir(muxHome);
    await removeDir(proof);
  });

  const muxdeck = (args: readonly string[]) =>
    runCommand(process.execPath, [BIN, 'run', ...args], {
      env: { ...fake.env, MUXDECK_HOME: muxHome, MUXDECK_LOG: 'quiet' },
      timeoutMs: 60_000,
    });

  it('reports each host correctly in JSON and exits non-zero; the slow host does not hold the others', async () => {
    const result = await muxdeck(['--hosts', 'good,sleepy,down', '--timeout', '3', '--json', '--', COMMAND]);
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout) as RunJsonDocument;
    const byHost = new Map(doc.hosts.map((h) => [h.host, h]));
    expect(byHost.get('good')).toMatchObject({
      status: 'ok',
      exitCode: 0,
      stdout: 'hello from fast\n',
      stderr: 'note on stderr\n',
    });
    expect(byHost.get('down')).toMatchObject({
      status: 'unreachable',
      exitCode: 255,
      error: 'Connection refused',
    });
    expect(byHost.get('sleepy')).toMatchObject({ status: 'timeout', error: 'No result within 3 s' });
    // Neither the down host nor the slow one made the good one wait for them.
    expect(byHost.get('good')?.durationMs ?? Infinity).toBeLessThan(byHost.get('sleepy')?.durationMs ?? 0);
    expect(doc.command).toBe(COMMAND);
  });

  it('prints a table and exits 0 when every host succeeds, reusing the shared connection on the next run', async () => {
    const first = await muxdeck(['--hosts', 'good', '--', COMMAND]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^HOST\s+STATUS\s+EXIT\s+TIME\s+OUTPUT$/m);
    expect(first.stdout).toMatch(/^good\s+ok\s+0\s+.*hello from fast$/m);
    expect(first.stdout).toMatch(/1 host: 1 ok/);
    const logins = accepted(fast);
    const second = await muxdeck(['--hosts', 'ssh-config:good', '--', 'echo again']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^good\s+ok\s+0\s+.*again$/m);
    // The second run rode on the master connection the first left under MUXDECK_HOME: no new login.
    expect(accepted(fast)).toBe(logins);
  });

  it('an unknown host is a clear error and nothing runs on the known ones', async () => {
    const marker = join(proof, 'ran');
    const result = await muxdeck(['--hosts', 'good,nosuch', '--', `touch ${marker}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"nosuch": matches no host');
    expect(result.stderr).toContain('nothing was run');
    expect(existsSync(marker)).toBe(false);
  });

  it('rejects bad usage with exit status 2', async () => {
    expect((await muxdeck(['--hosts', 'good'])).code).toBe(2);
    expect((await muxdeck(['--', 'uptime'])).code).toBe(2);
    const badTimeout = await muxdeck(['--hosts', 'good', '--timeout', 'soon', '--', 'uptime']);
    expect(badTimeout.code).toBe(2);
    expect(badTimeout.stderr).toContain('--timeout is a whole number');
  });

  it('selects by tree path and @folder and takes its default time-out from the store in MUXDECK_HOME; refuses a hostile alias', async () => {
    // The user's tree as the app saved it: My folders > prod > eu holds "good" and "sleepy".
    const store = await DurableStore.open({
      files: nodeFileStore,
      paths: storePaths(muxHome),
      clock: systemClock,
      logger: { info() {}, warn() {}, error() {} },
    });
    await store.update((data) => ({
      ...data,
      // Settings › Run on selection, as the app saved it: the CLI's default time-out.
      settings: { ...data.settings, runTimeoutSeconds: 2 },
      tree: {
        ...data.tree,
        folders: [
          { id: 'f-prod', name: 'prod', parentId: null, order: 0, settings: {} },
          { id: 'f-eu', name: 'eu', parentId: 'f-prod', order: 0, settings: {} },
        ],
        hosts: {
          'ssh-config:good': { placement: { folderId: 'f-eu', order: 0 } },
          'ssh-config:sleepy': { label: 'renamed-sleepy', placement: { folderId: 'f-eu', order: 1 } },
        },
      },
    }));
    const byPath = await muxdeck([
      '--hosts',
      'prod/eu/*',
      '--timeout',
      '2',
      '--json',
      '--',
      'echo "$MX_NAME"',
    ]);
    const doc = JSON.parse(byPath.stdout) as RunJsonDocument;
    // The renamed host is shown (and selectable) under the user's name for it.
    expect(doc.hosts.map((h) => `${h.host}:${h.status}`)).toEqual(['good:ok', 'renamed-sleepy:ok']);
    expect(byPath.code).toBe(0);
    const byFolder = await muxdeck(['--hosts', '@prod', '--', 'true']);
    expect(byFolder.stdout).toMatch(/2 hosts: 2 ok/);

    const slowOne = await muxdeck(['--hosts', 'renamed-sleepy', '--json', '--', COMMAND]);
    expect(slowOne.code).toBe(1);
    expect((JSON.parse(slowOne.stdout) as RunJsonDocument).hosts[0]).toMatchObject({
      status: 'timeout',
      error: 'No result within 2 s',
    });

    const marker = join(proof, 'proxycommand-ran');
    const hostile = await muxdeck(['--hosts=-oProxyCommand=touch', '--', `touch ${marker}`]);
    expect(hostile.code).toBe(2);
    expect(hostile.stderr).toContain('must not start with "-"');
    expect(existsSync(marker)).toBe(false);
  });
});
