import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serveProcess';
import { makeFakeHome, type FakeHome } from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer } from '../helpers/tmux';
import { treePage } from './treePage';

/**
 * Issue 13, points 6 and 7: the host form shows each field's value in effect and where it comes from
 * (this form, a folder, the ssh config's `Host *`), offers tree hosts as jump hosts, and a host that
 * would jump through itself is called out in the form and marked in the tree.
 */

let fake: FakeHome;
let muxHome: string;
let serve: ServeProcess | undefined;

test.beforeAll(async () => {
  fake = await makeFakeHome();
  await writeFile(
    fake.configFile,
    [
      'Host bastion',
      '  HostName bastion.invalid',
      'Host web',
      '  HostName web.invalid',
      'Host *',
      '  IdentityFile ~/.ssh/work_key',
      '',
    ].join('\n'),
  );
  muxHome = await makeTempDir('mx-e2e-form-');
});

test.afterAll(async () => {
  await serve?.stop();
  await killServer(join(muxHome, 'tmux.sock')).catch(() => undefined);
  await fake?.cleanup();
  await removeDir(muxHome);
});

async function openEdit(page: Page, nodeId: string, label: string) {
  const ui = treePage(page);
  await ui.node(nodeId).click({ button: 'right' });
  await page.getByRole('menu').getByRole('menuitem', { name: /^Edit/ }).click();
  const dialog = page.getByRole('dialog', { name: `Edit “${label}”` });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('the form says where each value comes from, and a host jumping through itself is called out', async ({
  page,
}) => {
  serve = await startServe({ ...fake.env, MUXDECK_HOME: muxHome, MUXDECK_LOG: 'quiet' });
  await page.goto(serve.url);
  const ui = treePage(page);
  await expect(ui.node('host:ssh-config:web')).toBeVisible();

  // Point 7: the ssh config's Host * IdentityFile shows as inherited from it; a filled field says so.
  let dialog = await openEdit(page, 'host:ssh-config:web', 'web');
  await expect(dialog.getByText('Inherited: ~/.ssh/work_key (from the ssh config)')).toBeVisible();
  await expect(dialog.getByLabel('Identity file', { exact: true })).toHaveAttribute(
    'placeholder',
    '~/.ssh/work_key',
  );
  await dialog.getByLabel('User', { exact: true }).fill('alice');
  await expect(dialog.getByText('Set here: alice')).toBeVisible();
  await expect(dialog.getByLabel('User', { exact: true })).toHaveAccessibleDescription('Set here: alice');
  // Point 6: the jump host field offers the tree's hosts (free text still allowed), not itself.
  const jump = dialog.getByLabel('Jump host', { exact: true });
  const listId = await jump.getAttribute('list');
  expect(listId).toBeTruthy();
  await expect(dialog.locator(`datalist[id="${listId}"] option`)).toHaveAttribute('value', 'bastion');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // A folder whose jump host is bastion; bastion itself is then put into it.
  await ui.newFolder('behind-bastion', { 'Jump host': 'bastion' });
  dialog = await openEdit(page, 'host:ssh-config:bastion', 'bastion');
  await expect(dialog.getByRole('alert', { name: 'Jump host warning' })).toHaveCount(0);
  await dialog
    .getByLabel('Folder', { exact: true })
    .selectOption({ label: ui.folderChoice('behind-bastion', 1) });
  await expect(dialog.getByText('Inherited: bastion (from folder “behind-bastion”)')).toBeVisible();
  await expect(dialog.getByRole('alert', { name: 'Jump host warning' })).toContainText(
    'Jumps through itself: its jump host “bastion” is this host',
  );
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  const placed = ui.node('placed:ssh-config:bastion');
  await expect(placed).toHaveAccessibleDescription(/Problem: Jumps through itself/);
  await expect(placed.locator('.tree-warning')).toBeVisible();
  // web in the same folder is fine.
  await ui.tree.getByRole('treeitem', { name: 'web' }).first().click();

  // Its own jump host clears the mark.
  dialog = await openEdit(page, 'placed:ssh-config:bastion', 'bastion');
  await dialog.getByLabel('Jump host', { exact: true }).fill('none');
  await expect(dialog.getByRole('alert', { name: 'Jump host warning' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(placed).not.toHaveAccessibleDescription(/Jumps through itself/);
});
