import { existsSync } from 'node:fs';
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

const HOST = 'e2e-box';

let sshd: SshdHandle;
let fake: FakeHome;
let muxHome: string;
let proofDir: string;
let serve: ServeProcess | undefined;

test.beforeAll(async () => {
  sshd = await startSshd();
  fake = await makeFakeHome();
  await writeSshClientConfig({
    file: fake.configFile,
    hosts: [{ alias: HOST, sshd }],
    knownHostsFile: fake.knownHostsFile,
    // A wildcard section is not a host: it must not appear in the tree.
    extra: 'Host *.internal\n  User nobody\n',
  });
  muxHome = await makeTempDir('mx-e2e-');
  proofDir = await makeTempDir('mx-proof-');
});

test.afterAll(async () => {
  await serve?.crash();
  await killServer(join(muxHome, 'tmux.sock'));
  await sshd?.stop();
  await fake?.cleanup();
  await removeDir(muxHome);
  await removeDir(proofDir);
});

const env = () => ({ ...fake.env, MUXDECK_HOME: muxHome, MUXDECK_LOG: 'quiet' });

test('double-click a host from ~/.ssh/config, type into ssh in tmux, and find the tab again after a crash', async ({
  page,
}) => {
  serve = await startServe(env());
  expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
  // A new page, as a user opening the printed URL: the same URL is only a fragment change for the old
  // page, which would reload itself on reconnecting, at a moment of its choosing.
  await page.goto('about:blank');
  await page.goto(serve.url);

  const tree = page.getByRole('tree', { name: 'Hosts' });
  const host = tree.getByRole('treeitem', { name: HOST, exact: true });
  await expect(host).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: '*.internal' })).toHaveCount(0);

  await host.dblclick();
  const tab = page.getByRole('tab', { name: HOST, exact: true });
  await expect(tab).toBeVisible();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  const terminal = page.getByRole('region', { name: `Terminal ${HOST}` });
  await expect(terminal).toBeVisible();

  // Wait for the remote shell, then type as a user would.
  await expect(terminal.locator('.xterm-rows')).toContainText(/[$#]\s*$/m);
  await terminal.click();
  const proof = join(proofDir, 'typed-in-browser');
  await page.keyboard.type(`touch ${proof}; echo hello-$((6*7))`);
  await page.keyboard.press('Enter');
  await expect
    .poll(() => existsSync(proof), { message: 'the command typed in the browser ran on the host' })
    .toBe(true);
  await expect(terminal.locator('.xterm-rows')).toContainText('hello-42');

  // Ctrl+C reaches the remote program.
  await page.keyboard.type('sleep 600');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+C');
  await page.keyboard.type('echo after-$((1+1))-interrupt');
  await page.keyboard.press('Enter');
  await expect(terminal.locator('.xterm-rows')).toContainText('after-2-interrupt');

  // The app dies without warning; the session must survive and come back as a tab.
  await serve.crash();
  serve = await startServe(env());
  // A new page, as a user opening the printed URL: the same URL is only a fragment change for the old
  // page, which would reload itself on reconnecting, at a moment of its choosing.
  await page.goto('about:blank');
  await page.goto(serve.url);

  const restoredTab = page.getByRole('tab', { name: HOST, exact: true });
  await expect(restoredTab).toBeVisible();
  const restored = page.getByRole('region', { name: `Terminal ${HOST}` });
  await expect(restored.locator('.xterm-rows')).toContainText('after-2-interrupt');
  await restored.click();
  await page.keyboard.type('echo back-$((50+5))');
  await page.keyboard.press('Enter');
  await expect(restored.locator('.xterm-rows')).toContainText('back-55');
  await expect(page.getByRole('tab')).toHaveCount(1);
});
