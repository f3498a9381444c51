import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
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

let sshd: SshdHandle;
let fake: FakeHome;
let muxHome: string;
let serve: ServeProcess | undefined;

test.beforeAll(async () => {
  sshd = await startSshd();
  fake = await makeFakeHome();
  await writeSshClientConfig({
    file: fake.configFile,
    hosts: [{ alias: 'tree-alias', sshd }],
    knownHostsFile: fake.knownHostsFile,
    // The host the user creates by hand is 127.0.0.1 with NO user, port or key here: those must come from
    // Muxdeck's folders, or ssh cannot log in. This block only trusts the server's host key.
    extra: [
      'Host 127.0.0.1',
      `  UserKnownHostsFile ${fake.knownHostsFile}`,
      '  GlobalKnownHostsFile /dev/null',
      '  StrictHostKeyChecking yes',
      '  IdentitiesOnly yes',
      '  LogLevel ERROR',
      'Host alpha-1 alpha-2 beta-1',
      '  HostName nowhere.invalid',
    ].join('\n'),
  });
  muxHome = await makeTempDir('mx-e2e-tree-');
});

test.afterAll(async () => {
  await serve?.crash();
  await killServer(join(muxHome, 'tmux.sock'));
  await sshd?.stop();
  await fake?.cleanup();
  await removeDir(muxHome);
});

const env = () => ({ ...fake.env, MUXDECK_HOME: muxHome, MUXDECK_LOG: 'quiet' });

test('build a tree through the UI, connect with inherited settings, and find it all again after restarts', async ({
  page,
  context,
}) => {
  test.setTimeout(150_000);
  serve = await startServe(env());
  // A new page, as a user opening the printed URL: the same URL is only a fragment change for the old
  // page, which would reload itself on reconnecting, at a moment of its choosing.
  await page.goto('about:blank');
  await page.goto(serve.url);
  const ui = treePage(page);
  await expect(ui.row('alpha-1')).toBeVisible();

  // Folders with settings: the user comes from "customers", port and key from "lab" inside it.
  await ui.newFolder('customers', { User: sshd.user });
  await ui.newFolder(
    'lab',
    { Port: String(sshd.port), 'Identity file': sshd.userKeyPath },
    ui.folderChoice('customers', 1),
  );
  await expect(ui.node('section:folders')).toHaveAttribute('aria-expanded', 'true');
  await expect(ui.row('lab')).toBeVisible();

  // A host of the user's own, inline validation first.
  const dialog = await ui.openNewHost(
    { Name: 'loopback', 'Host name or address': '-oProxyCommand=touch /tmp/x' },
    ui.folderChoice('lab', 2),
  );
  await expect(dialog.getByText('must not start with "-"')).toBeVisible();
  await dialog.getByLabel('Host name or address').fill('127.0.0.1');
  await expect(dialog.getByText(`Inherited: ${sshd.user} (from folder “customers”)`)).toBeVisible();
  await expect(dialog.getByText(`Inherited: ${sshd.port} (from folder “lab”)`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Create host' }).click();
  await expect(dialog).toBeHidden();
  const loopback = ui.node('placed:manual:').or(ui.tree.locator('[data-node-id^="placed:manual:"]'));
  await expect(loopback).toHaveAccessibleName('loopback');
  await expect(loopback).toHaveAccessibleDescription(new RegExp(`${sshd.user}@127\\.0\\.0\\.1:${sshd.port}`));

  // Connect: only the inherited -l, -p and -i let ssh in.
  await loopback.dblclick();
  const terminal = page.getByRole('region', { name: 'Terminal loopback' });
  await expect(terminal.locator('.xterm-rows')).toContainText(/[$#]\s*$/m);
  await terminal.click();
  await page.keyboard.type('echo tree-$((6*7))');
  await page.keyboard.press('Enter');
  await expect(terminal.locator('.xterm-rows')).toContainText('tree-42');
  await expect(ui.tree.locator('[data-node-id^="recent:manual:"]')).toHaveAccessibleName('loopback');

  // A second window sees every change at once.
  const second = await context.newPage();
  // A new tab starts without this one's sessionStorage: it opens the printed URL, as a user would.
  await second.goto(serve.url);
  await expect(treePage(second).row('customers')).toBeVisible();

  // Search: one box, matches highlighted; Enter hands over to the tree on the best match.
  // (Ctrl+F inside a terminal belongs to the remote shell, so start from the tree.)
  await page.bringToFront();
  await ui.row('customers').focus();
  await page.keyboard.press('/');
  await expect(ui.search).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(ui.row('customers')).toBeFocused();
  await page.keyboard.press('Control+f');
  await expect(ui.search).toBeFocused();
  await page.keyboard.type('alpha');
  await expect(ui.tree.getByRole('treeitem')).toHaveCount(3);
  await expect(ui.node('host:ssh-config:alpha-1').locator('mark')).toHaveText('alpha');
  await page.keyboard.press('Enter');
  await expect(ui.node('host:ssh-config:alpha-1')).toBeFocused();

  // Multi-select with the keyboard: A selects every visible host, Esc clears, Space and Shift+arrows.
  await page.keyboard.press('a');
  await expect(page.getByText('2 selected')).toBeVisible();
  await expect(ui.node('host:ssh-config:alpha-2')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByText('2 selected')).toBeHidden();
  await page.keyboard.press(' ');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.getByText('2 selected')).toBeVisible();
  await expect(ui.node('host:ssh-config:alpha-2')).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(ui.search).toHaveValue('');

  // Favourite from the context menu.
  await ui.node('host:ssh-config:alpha-1').click({ button: 'right' });
  await page
    .getByRole('menu', { name: 'Host actions' })
    .getByRole('menuitem', { name: 'Add to favourites' })
    .click();
  await expect(ui.node('fav:ssh-config:alpha-1')).toBeVisible();
  await expect(treePage(second).node('fav:ssh-config:alpha-1')).toBeVisible();

  // Drag a synced host into a folder.
  await ui.node('host:ssh-config:beta-1').dragTo(ui.row('customers'));
  await expect(ui.node('placed:ssh-config:beta-1')).toBeVisible();
  await expect(ui.node('placed:ssh-config:beta-1')).toHaveAttribute('aria-level', '3');
  await second.close();

  // Restart: everything is where the user left it.
  await serve.stop();
  serve = await startServe(env());
  // A new page, as a user opening the printed URL: the same URL is only a fragment change for the old
  // page, which would reload itself on reconnecting, at a moment of its choosing.
  await page.goto('about:blank');
  await page.goto(serve.url);
  await expectTreeAsBuilt(ui);
  await expect(page.getByRole('tab', { name: 'loopback', exact: true })).toBeVisible();

  // A hand-broken store: the app starts, says what happened and where the broken file is, and restores the backup.
  await serve.stop();
  await writeFile(join(muxHome, 'store.json'), '{"version": 2, "tree": {"folders": [');
  serve = await startServe(env());
  // A new page, as a user opening the printed URL: the same URL is only a fragment change for the old
  // page, which would reload itself on reconnecting, at a moment of its choosing.
  await page.goto('about:blank');
  await page.goto(serve.url);
  const alert = page.getByRole('alert').filter({ hasText: 'restored from the last good backup' });
  await expect(alert).toBeVisible();
  const broken = (await readdir(muxHome)).find((name) => name.startsWith('store.json.broken-'));
  expect(broken).toBeDefined();
  await expect(alert).toContainText(join(muxHome, broken ?? ''));
  await expectTreeAsBuilt(ui);
});

async function expectTreeAsBuilt(ui: ReturnType<typeof treePage>): Promise<void> {
  await expect(ui.row('customers')).toHaveAttribute('aria-expanded', 'true');
  await expect(ui.row('lab')).toHaveAttribute('aria-level', '3');
  await expect(ui.tree.locator('[data-node-id^="placed:manual:"]')).toHaveAccessibleName('loopback');
  await expect(ui.node('fav:ssh-config:alpha-1')).toBeVisible();
  await expect(ui.node('placed:ssh-config:beta-1')).toBeVisible();
  await expect(ui.tree.locator('[data-node-id^="recent:manual:"]')).toHaveAccessibleName('loopback');
}
