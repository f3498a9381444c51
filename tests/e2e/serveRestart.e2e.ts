import { writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serveProcess';
import { makeFakeHome, type FakeHome } from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer } from '../helpers/tmux';

/** Issue 13, point 11: serve keeps its port and token, so an open page comes back by itself after a restart. */

let fake: FakeHome;
let muxHome: string;
let serve: ServeProcess | undefined;

const env = () => ({ ...fake.env, MUXDECK_HOME: muxHome, MUXDECK_LOG: 'quiet' });

test.beforeAll(async () => {
  fake = await makeFakeHome();
  await writeFile(fake.configFile, 'Host before-restart\n  HostName nowhere.invalid\n');
  muxHome = await makeTempDir('mx-e2e-restart-');
});

test.afterAll(async () => {
  await serve?.stop();
  await killServer(`${muxHome}/tmux.sock`).catch(() => undefined);
  await fake?.cleanup();
  await removeDir(muxHome);
});

function treeHost(page: Page, name: string) {
  return page.getByRole('tree', { name: 'Hosts' }).getByRole('treeitem', { name });
}

test('an open page reconnects by itself when serve restarts, and gives up when the token was rotated', async ({
  page,
}) => {
  serve = await startServe(env());
  const firstUrl = serve.url;
  await page.goto(firstUrl);
  await expect(treeHost(page, 'before-restart')).toBeVisible();
  const address = page.url();

  await serve.stop();
  serve = undefined;
  const reconnecting = page.getByRole('status').filter({ hasText: 'Reconnecting to Muxdeck' });
  await expect(reconnecting).toBeVisible();
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Reconnecting');

  // What the new server lists, and the page did not know before: it proves the page talks to the new one.
  await writeFile(
    fake.configFile,
    'Host before-restart\n  HostName nowhere.invalid\nHost after-restart\n  HostName nowhere.invalid\n',
  );
  serve = await startServe(env());
  expect(serve.url).toBe(firstUrl);
  await expect(treeHost(page, 'after-restart')).toBeVisible();
  await expect(reconnecting).toHaveCount(0);
  expect(page.url()).toBe(address);

  // A new token: the page cannot get in, and says so rather than knocking for ever.
  await serve.stop();
  serve = await startServe(env(), ['--rotate-token']);
  expect(serve.url).not.toBe(firstUrl);
  await expect(page.getByRole('alert').filter({ hasText: 'Disconnected from Muxdeck' })).toContainText(
    '--rotate-token',
  );
});
