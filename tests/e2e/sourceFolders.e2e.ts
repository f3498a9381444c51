import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serveProcess';
import { makeFakeHome, type FakeHome } from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer } from '../helpers/tmux';
import { treePage } from './treePage';

/** Issue 13, point 10: a source's own folder takes settings (F2) that its hosts inherit, kept across restarts. */

let fake: FakeHome;
let muxHome: string;
let serve: ServeProcess | undefined;
const env = () => ({ ...fake.env, MUXDECK_HOME: muxHome, MUXDECK_LOG: 'quiet' });

test.beforeAll(async () => {
  fake = await makeFakeHome();
  await writeFile(fake.configFile, 'Host web\n  HostName web.invalid\n');
  muxHome = await makeTempDir('mx-e2e-srcfolder-');
});

test.afterAll(async () => {
  await serve?.stop();
  await killServer(join(muxHome, 'tmux.sock')).catch(() => undefined);
  await fake?.cleanup();
  await removeDir(muxHome);
});

async function expectWebInherits(page: Page, text: string) {
  const ui = treePage(page);
  await ui.node('host:ssh-config:web').click({ button: 'right' });
  await page.getByRole('menu').getByRole('menuitem', { name: /^Edit/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit “web”' });
  await expect(dialog.getByText(text)).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
}

test("the ssh config's folder takes a jump host with F2, its hosts inherit it, and it survives a restart", async ({
  page,
}) => {
  serve = await startServe(env());
  await page.goto(serve.url);
  const ui = treePage(page);
  const branch = ui.node('source:ssh-config');
  await expect(ui.node('host:ssh-config:web')).toBeVisible();

  await branch.focus();
  await page.keyboard.press('F2');
  const dialog = page.getByRole('dialog', { name: /^Folder settings/ });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Jump host', { exact: true }).fill('gateway.example.com');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const branchName = (await branch.getAttribute('aria-label')) ?? '';
  await expectWebInherits(page, `Inherited: gateway.example.com (from source folder “${branchName}”)`);

  // The context menu offers the same; and a restart keeps it.
  await serve.stop();
  serve = await startServe(env());
  await page.reload();
  await branch.click({ button: 'right' });
  await page.getByRole('menu').getByRole('menuitem', { name: 'Folder settings…' }).click();
  await expect(
    page.getByRole('dialog', { name: /^Folder settings/ }).getByLabel('Jump host', { exact: true }),
  ).toHaveValue('gateway.example.com');
  await page
    .getByRole('dialog', { name: /^Folder settings/ })
    .getByRole('button', { name: 'Cancel' })
    .click();
  await expectWebInherits(page, `Inherited: gateway.example.com (from source folder “${branchName}”)`);
});
