import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { runCommand } from '../helpers/runCommand';
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

/**
 * Issue 13, "Trust": what misled a new user in their first hour, as they would check it in the browser.
 * 1 an inventory that yields nothing says why; 2 nothing closes a live session by surprise;
 * 3 names follow renames; 4 the ssh config is live.
 */
const BIN = resolve(__dirname, '../../bin/muxdeck.mjs');

let sshd: SshdHandle;
let fake: FakeHome;
let muxHome: string;
let serve: ServeProcess | undefined;

test.beforeAll(async () => {
  sshd = await startSshd();
  fake = await makeFakeHome();
  await mkdir(join(fake.sshDir, 'conf.d'));
  await writeSshClientConfig({
    file: fake.configFile,
    // 127.0.0.1 as an alias too: an own host at that address connects with the test's key.
    hosts: [
      { alias: 'box', sshd },
      { alias: 'spare', sshd },
      { alias: '127.0.0.1', sshd },
    ],
    knownHostsFile: fake.knownHostsFile,
    extra: 'Include conf.d/*',
  });
  muxHome = await makeTempDir('mx-e2e-trust-');
  serve = await startServe(env());
});

test.afterAll(async () => {
  await serve?.crash();
  await killServer(join(muxHome, 'tmux.sock'));
  await sshd?.stop();
  await fake?.cleanup();
  await removeDir(muxHome);
});

const env = () => ({ ...fake.env, MUXDECK_HOME: muxHome, MUXDECK_LOG: 'quiet' });
const muxdeck = (args: readonly string[]) =>
  runCommand(process.execPath, [BIN, ...args], { env: env(), timeoutMs: 60_000 });

async function connect(page: Page, name: string) {
  // Recent (at the top) may list it too: the row in its folder or source is the last one.
  await treePage(page).row(name).last().dblclick();
  const terminal = page.getByRole('region', { name: `Terminal ${name}` });
  await expect(terminal.locator('.xterm-rows')).toContainText(/[$#]\s*$/m);
  return terminal;
}

test('1. an Ansible directory whose hosts.ini ansible skips says so: status, top bar, muxdeck inventory', async ({
  page,
}) => {
  const dir = join(fake.home, 'inventory');
  await mkdir(dir);
  await writeFile(join(dir, 'hosts.ini'), '[web]\nweb-01 ansible_host=10.1.0.1\n');
  await page.goto(serve!.url);

  await page.getByRole('button', { name: /^Sources:/ }).click();
  const sources = page.getByRole('dialog', { name: 'Sources' });
  await sources.getByRole('button', { name: 'Add Ansible source' }).click();
  const form = page.getByRole('dialog', { name: 'Add Ansible source' });
  await form.getByLabel('Name', { exact: true }).fill('Lab');
  await form.getByLabel('Inventory paths').fill(dir);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(sources.getByLabel('Status of Lab')).toContainText('OK · 0 hosts · 1 warning', {
    timeout: 20_000,
  });
  const warnings = sources.getByRole('list', { name: 'Warnings of Lab' });
  await expect(warnings).toContainText(join(dir, 'hosts.ini'));
  await expect(warnings).toContainText('ansible ignores *.ini files inside an inventory directory');
  await sources.getByRole('button', { name: 'Close' }).click();

  const summary = page.getByRole('button', { name: 'Sources: 1 source ok · 1 warning' });
  await expect(summary).toBeVisible();
  await expect(summary).toHaveAttribute('title', /hosts\.ini: skipped/);

  const cli = await muxdeck(['inventory', '--ansible', dir, '--list']);
  expect(cli.code).toBe(0);
  expect(cli.stderr).toContain(`warning: ${join(dir, 'hosts.ini')}: skipped: ansible ignores *.ini files`);
});

test('4. a Host added to ~/.ssh/config, or to a file it Includes, appears without Reload hosts', async ({
  page,
}) => {
  await page.goto(serve!.url);
  const ui = treePage(page);
  await expect(ui.row('box')).toBeVisible();
  await expect(ui.row('added-later')).toHaveCount(0);

  await appendFile(fake.configFile, '\nHost added-later\n  HostName 127.0.0.1\n');
  await expect(ui.row('added-later')).toBeVisible();

  // A new file where the Include's glob reads: the directory is watched, not only the files seen so far.
  await writeFile(join(fake.sshDir, 'conf.d', 'lab'), 'Host from-include\n  HostName 127.0.0.1\n');
  await expect(ui.row('from-include')).toBeVisible();
});

test('3. a renamed host keeps its new name on its open pane and tab, and muxdeck run finds it by it', async ({
  page,
}) => {
  await page.goto(serve!.url);
  const ui = treePage(page);
  await connect(page, 'spare');
  await expect(page.getByRole('tab', { name: 'spare', exact: true })).toBeVisible();

  await ui.node('host:ssh-config:spare').click({ button: 'right' });
  await page.getByRole('menu').getByRole('menuitem', { name: /^Edit/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit “spare”' });
  await dialog.getByLabel('Name', { exact: true }).fill('backup-box');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByRole('tab', { name: 'backup-box', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Terminal backup-box' })).toBeVisible();
  await expect(page.locator('.pane-label')).toHaveText(['backup-box']);

  const run = await muxdeck(['run', '--hosts', 'backup-box', '--', 'echo ran-on-$((40+2))']);
  expect(run.stderr).not.toContain('matches no host');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('ran-on-42');

  // Leave the tab strip empty for the next test, without being asked (Settings' own switch is tested there).
  await page.getByRole('button', { name: 'Close backup-box' }).click();
  await page
    .getByRole('dialog', { name: 'Close backup-box?' })
    .getByRole('button', { name: 'Close' })
    .click();
  await expect(page.getByRole('tab')).toHaveCount(0);
});

test('2. closing a connected session asks first; deleting its host says it stays open; a setting stops the asking', async ({
  page,
}) => {
  await page.goto(serve!.url);
  const ui = treePage(page);
  const terminal = await connect(page, 'box');
  const tab = page.getByRole('tab', { name: 'box', exact: true });

  // × on the tab: asked, and Cancel keeps the shell.
  await page.getByRole('button', { name: 'Close box' }).click();
  const ask = page.getByRole('dialog', { name: 'Close box?' });
  await expect(ask).toContainText('box is connected: closing ends its shell');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeHidden();
  await expect(tab).toBeVisible();
  await terminal.click();
  await page.keyboard.type('echo still-$((20+1))');
  await page.keyboard.press('Enter');
  await expect(terminal.locator('.xterm-rows')).toContainText('still-21');

  // Ctrl+Shift+W: asked too; Close ends it.
  await page.keyboard.press('Control+Shift+W');
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Close' }).click();
  await expect(tab).toHaveCount(0);

  // An own host with an open session: deleting it says the session stays open.
  await ui.newFolder('lab');
  const create = await ui.openNewHost(
    { Name: 'scratch', 'Host name or address': '127.0.0.1' },
    ui.folderChoice('lab', 1),
  );
  await create.getByRole('button', { name: 'Create host' }).click();
  await connect(page, 'scratch');
  // Recent lists it too now; the row in its folder is the one to delete.
  await ui.tree.locator('[data-node-id^="placed:manual:"]').click({ button: 'right' });
  await page.getByRole('menu').getByRole('menuitem', { name: 'Delete…' }).click();
  const remove = page.getByRole('dialog', { name: 'Delete “scratch”?' });
  await expect(remove).toContainText(
    '1 session to it is open and connected: it stays open until you close it.',
  );
  await remove.getByRole('button', { name: 'Cancel' }).click();

  // "Don't ask again" turns the setting off: the next close goes without a word.
  await page.getByRole('button', { name: 'Close scratch' }).click();
  const askScratch = page.getByRole('dialog', { name: 'Close scratch?' });
  await askScratch.getByLabel(/Don.t ask again/).check();
  await askScratch.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('tab')).toHaveCount(0);
  await connect(page, 'box');
  await page.keyboard.press('Control+Shift+W');
  await expect(page.getByRole('tab')).toHaveCount(0);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
