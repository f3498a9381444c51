import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeFakeHome, type FakeHome } from '../helpers/fakeHome';
import { startServe, type ServeProcess } from '../helpers/serveProcess';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer } from '../helpers/tmux';
import { readClipboard } from './terminalPage';

let fake: FakeHome;
let muxHome: string;
let serve: ServeProcess | undefined;

test.beforeAll(async () => {
  fake = await makeFakeHome();
  muxHome = await makeTempDir('mx-e2e-diag-');
  await writeFile(fake.configFile, 'Host diag-box\n  HostName 127.0.0.1\n', { mode: 0o600 });
});

test.afterAll(async () => {
  await serve?.stop();
  await killServer(join(muxHome, 'tmux.sock'));
  await fake?.cleanup();
  await removeDir(muxHome);
});

test('Help → Diagnose shows what works and what does not, and copies the report', async ({
  page,
  context,
}) => {
  const env: NodeJS.ProcessEnv = { ...fake.env, MUXDECK_HOME: muxHome, MUXDECK_LOG: 'quiet' };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  serve = await startServe(env);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(serve.url).origin,
  });
  await page.goto(serve.url);

  const help = page.getByRole('button', { name: 'Help' });
  await help.click();
  await page.getByRole('menu', { name: 'Help' }).getByRole('menuitem', { name: 'Diagnose…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Diagnose' });
  await expect(dialog).toBeVisible();

  const checks = dialog.getByRole('list', { name: 'Checks' });
  const tmux = checks.getByRole('listitem', { name: 'tmux: works' });
  await expect(tmux).toBeVisible();
  await expect(tmux).toContainText('✓');
  await expect(tmux).toContainText(/tmux \d/);
  // This machine has no Electron binary: serve mode works without it, and says so.
  const electron = checks.getByRole('listitem', { name: 'Electron (desktop app): failed (optional)' });
  await expect(electron).toBeVisible();
  await expect(electron).toContainText('✗');
  await expect(electron).toContainText('serve mode and the CLI work without it');
  await expect(electron).toContainText('Fix: Download Electron');
  await expect(dialog.getByText('Everything Muxdeck needs works.')).toBeVisible();

  await dialog.getByRole('button', { name: 'Copy report' }).click();
  await expect(dialog.getByText('Report copied.')).toBeVisible();
  const report = await readClipboard(page);
  expect(report).toMatch(/^Muxdeck \S+ doctor \(linux\)/);
  expect(report).toMatch(/^✓ tmux: tmux \d/m);
  expect(report).toContain('✗ Electron (desktop app) (optional): not installed');
  expect(report).toContain(`✓ ssh config: ${fake.configFile}: 1 host`);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(help).toBeFocused();
});
