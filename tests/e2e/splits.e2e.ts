import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
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
import { terminalRows } from './terminalPage';

const ONE = 'sp-one';
const TWO = 'sp-two';

let servers: SshdHandle[] = [];
let fake: FakeHome;
let muxHome: string;
let serve: ServeProcess | undefined;

test.beforeAll(async () => {
  servers = await Promise.all([startSshd(), startSshd()]);
  fake = await makeFakeHome();
  await writeSshClientConfig({
    file: fake.configFile,
    hosts: [
      { alias: ONE, sshd: servers[0] as SshdHandle },
      { alias: TWO, sshd: servers[1] as SshdHandle },
    ],
    knownHostsFile: fake.knownHostsFile,
  });
  muxHome = await makeTempDir('mx-e2e-sp-');
});

test.afterAll(async () => {
  await serve?.stop();
  await killServer(join(muxHome, 'tmux.sock'));
  await Promise.all(servers.map((server) => server.stop()));
  await fake?.cleanup();
  await removeDir(muxHome);
});

const terminals = (page: Page, host: string): Locator =>
  page.getByRole('region', { name: `Terminal ${host}` });
const panes = (page: Page): Locator => page.locator('.pane:not([hidden])');
const tab = (page: Page, name: string): Locator => page.getByRole('tab', { name, exact: true });

async function shellsReady(page: Page, host: string, count: number): Promise<void> {
  await expect(terminals(page, host)).toHaveCount(count);
  for (let i = 0; i < count; i += 1)
    await expect(terminalRows(terminals(page, host).nth(i))).toContainText(/[$#]\s*$/m);
}

test('splits, resizes, moves focus, maximises, pops out, merges a dragged tab, renames, and restores', async ({
  page,
}) => {
  serve = await startServe({ ...fake.env, MUXDECK_HOME: muxHome, MUXDECK_LOG: 'quiet' });
  // A new page, as a user opening the printed URL: the same URL is only a fragment change for the old
  // page, which would reload itself on reconnecting, at a moment of its choosing.
  await page.goto('about:blank');
  await page.goto(serve.url);
  const tree = page.getByRole('tree', { name: 'Hosts' });
  await tree.getByRole('treeitem', { name: ONE, exact: true }).dblclick();
  await shellsReady(page, ONE, 1);

  // Split right, then split the new pane down: three panes of the same host in one tab.
  await terminals(page, ONE).click();
  await page.keyboard.press('Control+Shift+D');
  await shellsReady(page, ONE, 2);
  await expect(tab(page, `${ONE} +1`)).toBeVisible();
  await page.keyboard.press('Control+Shift+E');
  await shellsReady(page, ONE, 3);
  await expect(tab(page, `${ONE} +2`)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab')).toHaveCount(1);
  const focused = page.locator('.pane.is-focused');
  const box = async (locator: Locator) =>
    (await locator.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
  const lowerRight = await box(focused);

  // Alt+arrows move the keyboard between panes; typing goes where the focus is.
  await page.keyboard.press('Alt+ArrowUp');
  expect((await box(focused)).y).toBeLessThan(lowerRight.y);
  await page.keyboard.press('Alt+ArrowLeft');
  expect((await box(focused)).x).toBeLessThan(lowerRight.x);
  await page.keyboard.type('echo left-$((20+1))');
  await page.keyboard.press('Enter');
  await expect(terminalRows(focused.getByRole('region'))).toContainText('left-21');

  // Drag the vertical divider to the right: the left pane grows.
  const divider = page
    .getByRole('separator', { name: 'Resize panes' })
    .and(page.locator('[aria-orientation="vertical"]'));
  await expect(divider).toHaveAttribute('aria-valuenow', '50');
  const line = await box(divider);
  // Grab it above the middle, where the right column's own divider crosses it.
  await page.mouse.move(line.x + line.width / 2, line.y + line.height / 4);
  await page.mouse.down();
  await page.mouse.move(line.x + line.width / 2 + 150, line.y + line.height / 4, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => Number(await divider.getAttribute('aria-valuenow'))).toBeGreaterThan(60);

  // Maximise the focused pane and restore the split.
  await focused.getByRole('button', { name: `Maximise ${ONE}` }).click();
  await expect(panes(page)).toHaveCount(1);
  await page.getByRole('button', { name: `Restore ${ONE}` }).click();
  await expect(panes(page)).toHaveCount(3);

  // Pop the left pane out into a tab of its own.
  await focused.getByRole('button', { name: `Pop out ${ONE}` }).click();
  await expect(page.getByRole('tab')).toHaveCount(2);
  await expect(tab(page, ONE)).toHaveAttribute('aria-selected', 'true');
  await expect(terminalRows(terminals(page, ONE))).toContainText('left-21');

  // Open another host, then drag its tab into the split tab's right edge.
  await tree.getByRole('treeitem', { name: TWO, exact: true }).first().dblclick();
  await shellsReady(page, TWO, 1);
  await tab(page, `${ONE} +1`).click();
  await expect(panes(page)).toHaveCount(2);
  const target = panes(page).first();
  const targetBox = await box(target);
  await tab(page, TWO).dragTo(target, {
    targetPosition: { x: targetBox.width - 10, y: targetBox.height / 2 },
  });
  await expect(tab(page, TWO)).toHaveCount(0);
  await expect(tab(page, `${ONE} +2`)).toHaveAttribute('aria-selected', 'true');
  await expect(panes(page)).toHaveCount(3);
  await expect(terminals(page, TWO)).toBeVisible();

  // Ctrl+Shift+W closes the focused pane only (the merged one has the focus).
  await terminals(page, TWO).click();
  await page.keyboard.press('Control+Shift+W');
  // Its shell is connected: Muxdeck asks before ending it (issue 13).
  await page
    .getByRole('dialog', { name: `Close ${TWO}?` })
    .getByRole('button', { name: 'Close' })
    .click();
  await expect(terminals(page, TWO)).toHaveCount(0);
  await expect(tab(page, `${ONE} +1`)).toBeVisible();

  // Rename from the tab's menu; F2 on a focused tab does the same.
  await tab(page, `${ONE} +1`).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Rename tab…' }).click();
  await page.getByRole('textbox', { name: 'Tab name' }).fill('web pair');
  await page.keyboard.press('Enter');
  await expect(tab(page, 'web pair')).toBeVisible();
  await tab(page, 'web pair').focus();
  await page.keyboard.press('F2');
  await page.getByRole('textbox', { name: 'Tab name' }).fill('prod pair');
  await page.keyboard.press('Enter');
  await expect(tab(page, 'prod pair')).toBeVisible();

  // Ctrl+Shift+T: a new session to the same host, in a new tab right after; Ctrl+1 / Ctrl+9 pick tabs.
  await terminals(page, ONE).first().click();
  await page.keyboard.press('Control+Shift+T');
  await expect(page.getByRole('tab')).toHaveCount(3);
  await expect(page.getByRole('tab').nth(1)).toHaveAttribute('aria-selected', 'true');
  await shellsReady(page, ONE, 1);
  await page.keyboard.press('Control+1');
  await expect(tab(page, 'prod pair')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Control+9');
  await expect(page.getByRole('tab').nth(2)).toHaveAttribute('aria-selected', 'true');

  // Drag the first tab past the last one: it moves to the end.
  const last = page.getByRole('tab').nth(2);
  const lastBox = await box(last);
  await tab(page, 'prod pair').dragTo(last, {
    targetPosition: { x: lastBox.width - 4, y: lastBox.height / 2 },
  });
  await expect(page.getByRole('tab').nth(2)).toHaveAccessibleName('prod pair');

  // Middle click closes a tab (and its session): the duplicate, now first.
  await page.getByRole('tab').nth(0).click({ button: 'middle' });
  await page
    .getByRole('dialog', { name: /^Close .+\?$/ })
    .getByRole('button', { name: 'Close' })
    .click();
  await expect(page.getByRole('tab')).toHaveCount(2);

  // The divider between the two stacked panes moves with the arrow keys too.
  await tab(page, 'prod pair').click();
  const stacked = page.getByRole('separator', { name: 'Resize panes' });
  await expect(stacked).toHaveAttribute('aria-orientation', 'horizontal');
  await stacked.focus();
  for (let i = 0; i < 6; i += 1) await page.keyboard.press('ArrowDown');
  await expect(stacked).toHaveAttribute('aria-valuenow', '62');

  // Restart: the renamed split tab, its divider, and the popped-out tab come back.
  await expect
    .poll(() => readFileSync(join(muxHome, 'store.json'), 'utf8'))
    .toMatch(/"title": "prod pair"[\s\S]*0\.62/);
  await serve.crash();
  serve = await startServe({ ...fake.env, MUXDECK_HOME: muxHome, MUXDECK_LOG: 'quiet' });
  // A new page, as a user opening the printed URL: the same URL is only a fragment change for the old
  // page, which would reload itself on reconnecting, at a moment of its choosing.
  await page.goto('about:blank');
  await page.goto(serve.url);
  await expect(page.getByRole('tab')).toHaveCount(2);
  await expect(tab(page, 'prod pair')).toHaveAttribute('aria-selected', 'true');
  await shellsReady(page, ONE, 2);
  await expect(stacked).toHaveAttribute('aria-valuenow', '62');
  await tab(page, ONE).click();
  await expect(terminalRows(terminals(page, ONE))).toContainText('left-21');
});
