import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
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
import { readClipboard } from './terminalPage';
import { treePage } from './treePage';

let sshd: SshdHandle;
let fake: FakeHome;
const homes: string[] = [];
const serves: ServeProcess[] = [];

const UNREACHABLE = ['Host db-1 db-2', '  HostName nowhere.invalid', '  User ops'].join('\n');

test.beforeAll(async () => {
  sshd = await startSshd();
  fake = await makeFakeHome();
  await writeSshClientConfig({
    file: fake.configFile,
    hosts: [
      { alias: 'web-1', sshd },
      { alias: 'web-2', sshd },
    ],
    knownHostsFile: fake.knownHostsFile,
    extra: UNREACHABLE,
  });
});

test.afterAll(async () => {
  for (const serve of serves) await serve.crash();
  for (const home of homes) {
    await killServer(join(home, 'tmux.sock'));
    await removeDir(home);
  }
  await sshd?.stop();
  await fake?.cleanup();
});

/** A fresh Muxdeck (its own MUXDECK_HOME) serving the shared fake HOME; returns the page on it. */
async function startMuxdeck(page: Page, home?: string): Promise<string> {
  const muxHome = home ?? (await makeTempDir('mx-e2e-tree-actions-'));
  if (!home) homes.push(muxHome);
  const serve = await startServe({ ...fake.env, MUXDECK_HOME: muxHome, MUXDECK_LOG: 'quiet' });
  serves.push(serve);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(serve.url).origin,
  });
  await page.goto(serve.url);
  return muxHome;
}

async function stopAll(): Promise<void> {
  for (const serve of serves.splice(0)) await serve.stop();
}

const clipboard = (page: Page) => readClipboard(page);

test('context menu: copy address and ssh command, connect in a split, open a selection as a group, edit, favourite, duplicate, move, delete', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await startMuxdeck(page);
  const ui = treePage(page);
  const menu = page.getByRole('menu', { name: 'Host actions' });
  const web1 = ui.node('host:ssh-config:web-1');
  await expect(web1).toBeVisible();

  await web1.click({ button: 'right' });
  await expect(menu.getByRole('menuitem')).toHaveText([
    /^Connect/,
    /^Connect in a split/,
    /^Open selection as a group/,
    /^Run command…/,
    /^Copy address/,
    /^Copy ssh command/,
    /^Edit/,
    /^Add to favourites/,
    /^Move to folder/,
    /^Duplicate/,
  ]);
  await menu.getByRole('menuitem', { name: 'Copy address' }).click();
  await expect.poll(() => clipboard(page)).toBe('127.0.0.1');

  await web1.click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Copy ssh command' }).click();
  await expect.poll(() => clipboard(page)).toMatch(/^(\S*\/)?ssh .*web-1$/);

  // With no tab open yet, "in a split" has nothing to split: the host gets a tab of its own.
  await web1.click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Connect in a split' }).click();
  await expect(page.getByRole('tab', { name: 'web-1', exact: true })).toBeVisible();
  await expect(web1).toHaveAccessibleDescription(/connected/);
  await expect(ui.node('recent:ssh-config:web-1')).toBeVisible();

  // Mouse selection: click, Shift-click extends, Ctrl-click toggles; Ctrl+A takes every visible host.
  await ui.node('host:ssh-config:db-1').click();
  await ui.node('host:ssh-config:web-2').click({ modifiers: ['Shift'] });
  await expect(page.getByText('4 selected')).toBeVisible();
  await ui.node('host:ssh-config:db-2').click({ modifiers: ['Control'] });
  await expect(page.getByText('3 selected')).toBeVisible();
  await expect(ui.node('host:ssh-config:db-2')).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('Control+a');
  await expect(page.getByText('4 selected')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByText(/\d selected/)).toBeHidden();

  // A keyboard selection opened as a group: a named group chip holding one tab tiled with both hosts.
  await ui.node('host:ssh-config:web-2').click();
  await page.keyboard.press('Shift+ArrowUp');
  await expect(page.getByText('2 selected')).toBeVisible();
  await page.keyboard.press('Shift+Enter');
  await expect(page.getByRole('button', { name: /^Group web-[12], web-[12]$/ })).toBeVisible();
  await expect(page.getByRole('tab', { name: /^web-[12] \+1$/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Terminal web-2' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Terminal web-1' })).toBeVisible();
  // Both are now in Recent (rows above shift when it grows; wait before clicking further down).
  await expect(ui.node('recent:ssh-config:web-2')).toBeVisible();
  await ui.node('host:ssh-config:web-2').click();
  await expect(page.getByText('2 selected')).toBeHidden();

  // Edit from the menu: a rename shows everywhere, the source's name is kept in the description.
  await ui.node('host:ssh-config:web-2').click({ button: 'right' });
  await menu.getByRole('menuitem', { name: /^Edit/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit “web-2”' });
  await dialog.getByLabel('Name', { exact: true }).fill('frontend');
  await dialog.getByLabel('Tags').fill('prod web');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(ui.node('host:ssh-config:web-2')).toHaveAccessibleName('frontend');
  await expect(ui.node('host:ssh-config:web-2')).toHaveAccessibleDescription(
    /named web-2 there.*tags prod, web/,
  );

  // Favourite, then remove from favourites with Delete.
  await ui.node('host:ssh-config:web-2').click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Add to favourites' }).click();
  await ui.node('fav:ssh-config:web-2').focus();
  await page.keyboard.press('Delete');
  await expect(ui.node('fav:ssh-config:web-2')).toHaveCount(0);

  // An own host removed from the menu asks first, then is gone.
  await ui.newFolder('lab');
  const create = await ui.openNewHost(
    { Name: 'scratch', 'Host name or address': 'scratch.example' },
    ui.folderChoice('lab', 1),
  );
  await create.getByRole('button', { name: 'Create host' }).click();
  await expect(ui.row('scratch')).toBeVisible();
  // Duplicate, then move the copy to the top of My folders.
  await ui.row('scratch').click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Duplicate' }).click();
  await expect(ui.row('scratch (copy)')).toHaveAttribute('aria-level', '3');
  await ui.row('scratch (copy)').click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Move to folder…' }).click();
  const move = page.getByRole('dialog', { name: 'Move “scratch (copy)” to…' });
  await move.getByLabel('Destination folder').selectOption({ label: 'My folders (top level)' });
  await move.getByRole('button', { name: 'Move' }).click();
  await expect(ui.row('scratch (copy)')).toHaveAttribute('aria-level', '2');
  await ui.row('scratch').click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Delete…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete “scratch”?' });
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(ui.row('scratch')).toHaveCount(0);
  await stopAll();
});

test('drag folders and hosts to move and reorder them, with the mouse; it all survives a restart', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const home = await startMuxdeck(page);
  const ui = treePage(page);
  await ui.newFolder('alpha');
  await ui.newFolder('beta');
  await ui.newFolder('gamma');
  const level = (name: string) => ui.row(name).getAttribute('aria-level');
  const folderOrder = () =>
    ui.tree.locator('[data-node-id^="folder:"]').evaluateAll((rows) => rows.map((r) => r.ariaLabel));

  // Into a folder: the middle of the row.
  await ui.row('gamma').dragTo(ui.row('alpha'));
  await expect(ui.row('gamma')).toHaveAttribute('aria-level', '3');
  // Before a folder: the top edge of the row.
  await ui.row('beta').dragTo(ui.row('alpha'), { targetPosition: { x: 40, y: 2 } });
  await expect.poll(folderOrder).toEqual(['beta', 'alpha', 'gamma']);
  expect(await level('beta')).toBe('2');
  // A folder into its own subfolder is refused.
  await ui.row('alpha').dragTo(ui.row('gamma'));
  await expect(ui.row('alpha')).toHaveAttribute('aria-level', '2');

  // Hosts into a folder, then reordered: web-2 dropped on the top half of web-1 goes before it.
  await ui.node('host:ssh-config:web-1').dragTo(ui.row('beta'));
  // Each drop shifts the rows below it: wait for it before aiming at the next row.
  await expect(ui.node('placed:ssh-config:web-1')).toBeVisible();
  // Anywhere on a folder row, even its top edge, a host goes into the folder.
  await ui.node('host:ssh-config:web-2').dragTo(ui.row('beta'), { targetPosition: { x: 40, y: 2 } });
  const placed = () =>
    ui.tree.locator('[data-node-id^="placed:"]').evaluateAll((rows) => rows.map((r) => r.ariaLabel));
  await expect.poll(placed).toEqual(['web-1', 'web-2']);
  await ui
    .node('placed:ssh-config:web-2')
    .dragTo(ui.node('placed:ssh-config:web-1'), { targetPosition: { x: 40, y: 3 } });
  await expect.poll(placed).toEqual(['web-2', 'web-1']);
  // A placed host dragged into another folder moves there.
  await ui.node('placed:ssh-config:web-1').dragTo(ui.row('gamma'));
  await expect(ui.node('placed:ssh-config:web-1')).toHaveAttribute('aria-level', '4');
  // A selection moves together: two hosts selected, one dragged.
  await ui.node('host:ssh-config:db-1').click();
  await ui.node('host:ssh-config:db-2').click({ modifiers: ['Control'] });
  await expect(page.getByText('2 selected')).toBeVisible();
  await ui.node('host:ssh-config:db-2').dragTo(ui.row('alpha'));
  await expect(ui.node('placed:ssh-config:db-1')).toHaveAttribute('aria-level', '3');
  await expect(ui.node('placed:ssh-config:db-2')).toHaveAttribute('aria-level', '3');
  await page.keyboard.press('Escape');
  // Onto Favourites.
  await ui.node('host:ssh-config:db-1').dragTo(ui.node('section:favourites'));
  await expect(ui.node('fav:ssh-config:db-1')).toBeVisible();

  await stopAll();
  await startMuxdeck(page, home);
  await expect.poll(folderOrder).toEqual(['beta', 'alpha', 'gamma']);
  await expect(ui.node('placed:ssh-config:web-2')).toHaveAttribute('aria-level', '3');
  await expect(ui.node('placed:ssh-config:web-1')).toHaveAttribute('aria-level', '4');
  await expect(ui.node('fav:ssh-config:db-1')).toBeVisible();
  await expect(ui.node('placed:ssh-config:db-2')).toHaveAttribute('aria-level', '3');
  await stopAll();
});

test('export the tree to a file and import it into another Muxdeck; import ~/.ssh/config into a folder; a vanished host stays, marked missing', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await startMuxdeck(page);
  const ui = treePage(page);
  const more = async (item: string) => {
    await page.getByRole('button', { name: 'More tree actions' }).click();
    await page.getByRole('menu', { name: 'More tree actions' }).getByRole('menuitem', { name: item }).click();
  };
  await ui.newFolder('customers', { User: 'deploy' });
  await ui.node('host:ssh-config:db-1').dragTo(ui.row('customers'));
  await expect(ui.node('placed:ssh-config:db-1')).toBeVisible();

  // Import ~/.ssh/config on demand: a folder of own hosts, copied once.
  await more('Import ~/.ssh/config into a folder');
  await expect(
    page.getByRole('alert').filter({ hasText: 'Imported 4 hosts from your ssh config' }),
  ).toBeVisible();
  const imported = ui.row('ssh config').and(ui.tree.locator('[data-node-id^="folder:"]'));
  await expect(imported).toHaveAttribute('aria-expanded', 'true');
  await expect(imported).toHaveAccessibleDescription(/^4 hosts/);

  // Export through a download.
  const download = page.waitForEvent('download');
  await more('Export tree to file…');
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^muxdeck-tree-\d{4}-\d{2}-\d{2}\.json$/);
  const path = join(fake.home, file.suggestedFilename());
  await file.saveAs(path);
  const document = JSON.parse(await readFile(path, 'utf8')) as { folders: { name: string }[] };
  expect(document.folders.map((f) => f.name).sort()).toEqual(['customers', 'ssh config']);
  expect(await readFile(path, 'utf8')).not.toMatch(/password|passphrase|token/i);
  await stopAll();

  // Import into a fresh Muxdeck through the file input: the same folders, the synced host placed again.
  await startMuxdeck(page);
  await expect(ui.node('host:ssh-config:db-1')).toBeVisible();
  await page.getByLabel('Tree file to import').setInputFiles(path);
  const dialog = page.getByRole('dialog', { name: `Import ${file.suggestedFilename()}` });
  await expect(dialog).toContainText('2 folders, 4 of your own hosts');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Imported 2 folders and 5 hosts' })).toBeVisible();
  await ui.row('customers').click();
  await expect(ui.row('customers')).toHaveAttribute('aria-expanded', 'true');
  await expect(ui.node('placed:ssh-config:db-1')).toBeVisible();

  // A file that is not a tree is refused with a reason, and nothing changes.
  const junk = join(fake.home, 'not-a-tree.json');
  await writeFile(junk, '{"hello": 1}');
  await page.getByLabel('Tree file to import').setInputFiles(junk);
  await expect(
    page.getByRole('alert').filter({ hasText: 'not-a-tree.json is not a Muxdeck tree file' }),
  ).toBeVisible();

  // db-1 leaves the ssh config: it stays in the user's folder, by name, marked missing; it cannot be connected.
  await writeSshClientConfig({
    file: fake.configFile,
    hosts: [
      { alias: 'web-1', sshd },
      { alias: 'web-2', sshd },
    ],
    knownHostsFile: fake.knownHostsFile,
    extra: UNREACHABLE.replace('db-1 ', ''),
  });
  try {
    await more('Reload hosts');
    await expect(ui.node('host:ssh-config:db-1')).toHaveCount(0);
    const missing = ui.node('placed:ssh-config:db-1');
    await expect(missing).toHaveAccessibleName('db-1');
    await expect(missing).toHaveAccessibleDescription(/missing from ssh config/);
    await expect(missing).toContainText('missing from ssh config');
    await missing.click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Host actions' });
    await expect(menu.getByRole('menuitem', { name: 'Connect', exact: true })).toBeDisabled();
    await expect(menu.getByRole('menuitem', { name: /^Forget/ })).toBeVisible();
    await page.keyboard.press('Escape');
  } finally {
    await writeSshClientConfig({
      file: fake.configFile,
      hosts: [
        { alias: 'web-1', sshd },
        { alias: 'web-2', sshd },
      ],
      knownHostsFile: fake.knownHostsFile,
      extra: UNREACHABLE,
    });
  }
  await stopAll();
});
