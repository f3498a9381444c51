import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { findFreePort } from '../helpers/freePort';
import { startServe, type ServeProcess } from '../helpers/serveProcess';
import {
  makeFakeHome,
  startSshd,
  writeSshClientConfig,
  type FakeHome,
  type SshdHandle,
} from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer } from '../helpers/tmux';
import { treePage } from './treePage';

let fast: SshdHandle;
let slow: SshdHandle;
let fake: FakeHome;
let muxHome: string;
let serve: ServeProcess | undefined;

test.beforeAll(async () => {
  [fast, slow] = await Promise.all([
    startSshd({ setEnv: { MX_NAME: 'fast' } }),
    startSshd({ setEnv: { MX_NAME: 'slow', MX_DELAY: '30' } }),
  ]);
  fake = await makeFakeHome();
  const closedPort = await findFreePort();
  await writeSshClientConfig({
    file: fake.configFile,
    hosts: [
      { alias: 'run-good', sshd: fast },
      { alias: 'run-slow', sshd: slow },
    ],
    knownHostsFile: fake.knownHostsFile,
    extra: `Host run-down\n  HostName 127.0.0.1\n  Port ${closedPort}\n  User nobody`,
  });
  muxHome = await makeTempDir('mx-e2e-run-');
});

test.afterAll(async () => {
  await serve?.crash();
  await killServer(join(muxHome, 'tmux.sock'));
  await Promise.all([fast?.stop(), slow?.stop()]);
  await fake?.cleanup();
  await removeDir(muxHome);
});

test('run a command on hosts selected in the tree: one ok, one down, one too slow', async ({ page }) => {
  test.setTimeout(90_000);
  serve = await startServe({ ...fake.env, MUXDECK_HOME: muxHome, MUXDECK_LOG: 'quiet' });
  await page.goto(serve.url);
  const ui = treePage(page);

  await ui.row('run-down').click();
  await ui.row('run-good').click({ modifiers: ['Control'] });
  await ui.row('run-slow').click({ modifiers: ['Control'] });
  await ui.row('run-slow').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Run command on selection…' }).click();

  const dialog = page.getByRole('dialog', { name: 'Run a command on 3 hosts' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Run on 3 hosts' }).click();
  await expect(dialog.getByText('a command is required')).toBeVisible();
  await dialog
    .getByLabel('Command', { exact: true })
    .fill('sleep "${MX_DELAY:-0}"; echo "hello from $MX_NAME"; echo "to stderr" >&2');
  await dialog.getByLabel('Time-out per host (seconds)').fill('3');
  await dialog.getByRole('button', { name: 'Run on 3 hosts' }).click();
  await expect(dialog).toBeHidden();

  const grid = page.getByRole('grid', { name: 'Run results' });
  const row = (host: string) =>
    grid.getByRole('row').filter({ has: page.getByRole('button', { name: host }) });
  await expect(row('run-good')).toContainText('ok');
  await expect(row('run-good')).toContainText('hello from fast');
  await expect(row('run-down')).toContainText('unreachable');
  await expect(row('run-down')).toContainText('Connection refused');
  // The slow host is still running while the others are done, then times out alone.
  await expect(page.getByRole('status').filter({ hasText: '3/3 done' })).toBeVisible();
  await expect(row('run-slow')).toContainText('timeout');
  await expect(row('run-slow')).toContainText('No result within 3 s');

  // Expand a row for its full output.
  await row('run-good').getByRole('button', { name: 'run-good' }).click();
  await expect(grid.getByLabel('stdout of run-good')).toHaveText('hello from fast\n');
  await expect(grid.getByLabel('stderr of run-good')).toHaveText('to stderr\n');

  // Failed only: the ok host leaves the grid.
  await page.getByRole('checkbox', { name: 'Failed only' }).check();
  await expect(row('run-good')).toHaveCount(0);
  await expect(row('run-down')).toBeVisible();
  await expect(row('run-slow')).toBeVisible();

  // Export what the grid shows, as JSON.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^muxdeck-run-.*\.json$/);
  const doc = JSON.parse(await readFile((await file.path()) ?? '', 'utf8')) as {
    hosts: Array<{ host: string; status: string }>;
  };
  expect(doc.hosts.map((h) => `${h.host}:${h.status}`).sort()).toEqual([
    'run-down:unreachable',
    'run-slow:timeout',
  ]);

  // Re-run on the failed ones: a new run with just those two.
  await page.getByRole('button', { name: 'Re-run on failed (2)' }).click();
  await expect(page.getByRole('status').filter({ hasText: /\/2 done/ })).toBeVisible();
  await expect(grid.getByRole('row')).toHaveCount(3);
});
