/**
 * The desktop app as a user starts it: the built main process in the real Electron, over a temporary
 * MUXDECK_HOME, a host from a temporary ssh config on a test sshd. Unit and integration tests cover the shell
 * with a stand-in for Electron; this checks that the real one boots, bridges and keeps sessions.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import {
  makeFakeHome,
  startSshd,
  writeSshClientConfig,
  type FakeHome,
  type SshdHandle,
} from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer } from '../helpers/tmux';
import { electronBinary } from './electronBinary';

const HOST = 'smoke-box';
const REPO = resolve(__dirname, '../..');
const MAIN = join(REPO, 'out/main/index.js');
const binary = electronBinary();

// globalSetup.ts prints the reason: the list reporter shows a skip without it.
test.skip('missing' in binary, `Electron smoke test skipped: ${'missing' in binary ? binary.missing : ''}`);

let sshd: SshdHandle | undefined;
let fake: FakeHome | undefined;
let muxHome: string | undefined;
let running: ElectronApplication | undefined;

test.beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npx electron-vite build)`);
  sshd = await startSshd();
  fake = await makeFakeHome();
  await writeSshClientConfig({
    file: fake.configFile,
    hosts: [{ alias: HOST, sshd }],
    knownHostsFile: fake.knownHostsFile,
  });
  muxHome = await makeTempDir('mx-smoke-');
});

test.afterAll(async () => {
  await running?.close();
  if (muxHome) await killServer(join(muxHome, 'tmux.sock'));
  await sshd?.stop();
  await fake?.cleanup();
  if (muxHome) await removeDir(muxHome);
});

async function launch(): Promise<Page> {
  if (!('path' in binary) || !fake || !muxHome) throw new Error('not set up');
  running = await electron.launch({
    executablePath: binary.path,
    // Chromium refuses to run as root with its OS sandbox; the renderer stays sandboxed by Electron's own.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), MAIN],
    cwd: REPO,
    env: {
      ...fake.env,
      MUXDECK_HOME: muxHome,
      MUXDECK_SSH_CONFIG: fake.configFile,
      MUXDECK_LOG: 'quiet',
    },
  });
  const page = await running.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return page;
}

async function quit(): Promise<void> {
  // app.quit runs before-quit as a user's Quit does: tmux clients detach, sessions keep running.
  await running?.close();
  running = undefined;
}

test('boots with the preload bridge, connects a host, and finds its session again after a relaunch', async () => {
  let page = await launch();

  // The page gets the contract and nothing of Node.
  expect(
    await page.evaluate(() => Object.keys((globalThis as { muxdeck?: object }).muxdeck ?? {}).sort()),
  ).toEqual(['invoke', 'onEvent']);
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');

  const host = page.getByRole('tree', { name: 'Hosts' }).getByRole('treeitem', { name: HOST, exact: true });
  await expect(host).toBeVisible();
  await host.dblclick();
  await expect(page.getByRole('tab', { name: HOST, exact: true })).toBeVisible();
  const terminal = page.getByRole('region', { name: `Terminal ${HOST}` });
  await expect(terminal.locator('.xterm-rows')).toContainText(/[$#]\s*$/m);
  await terminal.click();
  await page.keyboard.type('echo smoke-$((6*7))');
  await page.keyboard.press('Enter');
  await expect(terminal.locator('.xterm-rows')).toContainText('smoke-42');

  await quit();
  page = await launch();

  await expect(page.getByRole('tab', { name: HOST, exact: true })).toBeVisible();
  const restored = page.getByRole('region', { name: `Terminal ${HOST}` });
  await expect(restored.locator('.xterm-rows')).toContainText('smoke-42');
  await restored.click();
  await page.keyboard.type('echo back-$((50+5))');
  await page.keyboard.press('Enter');
  await expect(restored.locator('.xterm-rows')).toContainText('back-55');
  await expect(page.getByRole('tab')).toHaveCount(1);
});
