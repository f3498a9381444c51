import { existsSync, readFileSync } from 'node:fs';
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
import { terminalRows, writeClipboard } from './terminalPage';

/** Three hosts opened as a group, and one outside it. Each sshd tells its shells which host they are. */
const GROUP = ['bc-alpha', 'bc-beta', 'bc-gamma'] as const;
const OUTSIDE = 'bc-delta';
const ALL = [...GROUP, OUTSIDE];

let servers: SshdHandle[] = [];
let fake: FakeHome;
let muxHome: string;
let proofDir: string;
let serve: ServeProcess | undefined;

test.beforeAll(async () => {
  servers = await Promise.all(ALL.map((alias) => startSshd({ setEnv: { MUXDECK_MARK: alias } })));
  fake = await makeFakeHome();
  await writeSshClientConfig({
    file: fake.configFile,
    hosts: ALL.map((alias, index) => ({ alias, sshd: servers[index] as SshdHandle })),
    knownHostsFile: fake.knownHostsFile,
  });
  muxHome = await makeTempDir('mx-e2e-bc-');
  proofDir = await makeTempDir('mx-bc-proof-');
});

test.afterAll(async () => {
  await serve?.stop();
  await killServer(join(muxHome, 'tmux.sock'));
  await Promise.all(servers.map((server) => server.stop()));
  await fake?.cleanup();
  await removeDir(muxHome);
  await removeDir(proofDir);
});

const env = () => ({ ...fake.env, MUXDECK_HOME: muxHome, MUXDECK_LOG: 'quiet' });

/** Lines a host appended to its own marker file: one per command it ran. */
function linesOn(host: string, name: string): number {
  const file = join(proofDir, `${name}-${host}`);
  if (!existsSync(file)) return 0;
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
}

const terminal = (page: Page, host: string): Locator =>
  page.getByRole('region', { name: `Terminal ${host}` });
const paneOf = (page: Page, host: string): Locator => page.locator('.pane', { has: terminal(page, host) });

async function waitForShell(page: Page, host: string): Promise<void> {
  await expect(terminalRows(terminal(page, host))).toContainText(/[$#]\s*$/m);
  await expect(paneOf(page, host).locator('.pane-header')).toHaveAttribute('data-status', 'connected');
}

/** `name` marks which command ran; the shell adds which host it ran on. */
const marker = (name: string) => `echo x >> ${proofDir}/${name}-$MUXDECK_MARK`;

test('opens a selection as a group, broadcasts to it with an exclusion, confirms a paste, stops, and restores the layout', async ({
  page,
  context,
}) => {
  serve = await startServe(env());
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(serve.url).origin,
  });
  await page.goto(serve.url);
  const tree = page.getByRole('tree', { name: 'Hosts' });
  const row = (host: string) => tree.getByRole('treeitem', { name: host, exact: true }).first();

  // A host outside the group, in a tab of its own.
  await row(OUTSIDE).dblclick();
  await expect(page.getByRole('tab', { name: OUTSIDE, exact: true })).toBeVisible();
  await waitForShell(page, OUTSIDE);

  // Select three hosts and open them as a group: one tab, tiled, in a named group chip.
  await row(GROUP[0]).click();
  await row(GROUP[1]).click({ modifiers: ['Control'] });
  await row(GROUP[2]).click({ modifiers: ['Control'] });
  await expect(page.getByText('3 selected')).toBeVisible();
  await page.keyboard.press('Shift+Enter');
  const chip = page.getByRole('button', { name: 'Group bc-alpha, bc-beta +1' });
  await expect(chip).toBeVisible();
  const groupTab = page.getByRole('tab', { name: 'bc-alpha +2' });
  await expect(groupTab).toHaveAttribute('aria-selected', 'true');
  for (const host of GROUP) await waitForShell(page, host);
  await expect(terminal(page, OUTSIDE)).toBeHidden();
  const [alpha, beta, gamma] = await Promise.all(GROUP.map((host) => paneOf(page, host).boundingBox()));
  expect(beta?.x).toBeGreaterThan(alpha?.x ?? Infinity);
  expect(gamma?.y).toBeGreaterThan(alpha?.y ?? Infinity);

  // The chip's menu runs a command on the group's hosts: the dialog names exactly those three.
  await chip.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Run command on group…' }).click();
  const runDialog = page.getByRole('dialog', { name: 'Run a command on 3 hosts' });
  await expect(runDialog).toContainText('bc-alpha, bc-beta, bc-gamma');
  await runDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(runDialog).toBeHidden();

  // Broadcast to the group, take gamma out with one click.
  await terminal(page, GROUP[0]).click();
  await page.keyboard.press('Control+Shift+B');
  const banner = page.getByRole('region', { name: 'Broadcast' });
  await expect(banner).toContainText('Broadcasting to 3 sessions');
  await page.getByRole('button', { name: 'Exclude bc-gamma from broadcast' }).click();
  await expect(banner).toContainText('Broadcasting to 2 sessions (1 excluded)');
  await expect(paneOf(page, GROUP[2])).toHaveClass(/is-broadcast-excluded/);
  await expect(paneOf(page, GROUP[0])).toHaveClass(/is-broadcast-target/);

  // Typed once in alpha: alpha and beta run it, each exactly once; gamma and delta never see it.
  await terminal(page, GROUP[0]).click();
  await page.keyboard.type(`${marker('typed')}; echo done-$((40+2))`);
  await page.keyboard.press('Enter');
  for (const host of ['bc-alpha', 'bc-beta']) {
    await expect(terminalRows(terminal(page, host))).toContainText('done-42');
  }
  expect(ALL.map((host) => linesOn(host, 'typed'))).toEqual([1, 1, 0, 0]);
  await expect(terminalRows(terminal(page, GROUP[2]))).not.toContainText('done-');

  // A paste to two hosts is shown and confirmed first.
  await writeClipboard(page, marker('pasted'));
  await terminal(page, GROUP[1]).click();
  await page.keyboard.press('Control+Shift+V');
  const confirm = page.getByRole('dialog', { name: 'Paste to 2 sessions?' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByLabel('Text to paste')).toHaveText(marker('pasted'));
  await expect(confirm).toContainText('bc-alpha, bc-beta');
  await confirm.getByRole('button', { name: 'Paste to 2 sessions' }).click();
  await expect(confirm).toBeHidden();
  await terminal(page, GROUP[1]).click();
  await page.keyboard.press('Enter');
  await expect.poll(() => ALL.map((host) => linesOn(host, 'pasted'))).toEqual([1, 1, 0, 0]);

  // The input bar types a line into every target.
  const bar = page.getByRole('textbox', { name: 'Broadcast input' });
  await bar.fill(`${marker('bar')}; echo bar-$((3*3))`);
  await bar.press('Enter');
  for (const host of ['bc-alpha', 'bc-beta'])
    await expect(terminalRows(terminal(page, host))).toContainText('bar-9');
  expect(ALL.map((host) => linesOn(host, 'bar'))).toEqual([1, 1, 0, 0]);
  await bar.press('ArrowUp');
  await expect(bar).toHaveValue(`${marker('bar')}; echo bar-$((3*3))`);

  // Esc Esc stops it: the next line reaches only the pane it is typed in.
  await terminal(page, GROUP[0]).click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(banner).toBeHidden();
  await expect(paneOf(page, GROUP[1])).not.toHaveClass(/is-broadcast-target/);
  // Nothing of the gesture reached the shells: the line below runs as typed, no Ctrl+C needed first.
  await page.keyboard.type(`${marker('after')}; echo after-$((5+5))`);
  await page.keyboard.press('Enter');
  await expect(terminalRows(terminal(page, GROUP[0]))).toContainText('after-10');
  expect(ALL.map((host) => linesOn(host, 'after'))).toEqual([1, 0, 0, 0]);

  // The app dies; the group, its tiled tab and the other tab come back with their sessions.
  // The layout is saved once changes settle: wait until the store holds the group.
  await expect
    .poll(() => readFileSync(join(muxHome, 'store.json'), 'utf8'))
    .toContain('"name": "bc-alpha, bc-beta +1"');
  await serve.crash();
  serve = await startServe(env());
  // A new page, as a user opening the printed URL: the same URL is only a fragment change for the old
  // page, which would reload itself on reconnecting, at a moment of its choosing.
  await page.goto('about:blank');
  await page.goto(serve.url);
  await expect(page.getByRole('button', { name: 'Group bc-alpha, bc-beta +1' })).toBeVisible();
  await expect(page.getByRole('tab')).toHaveCount(2);
  await expect(page.getByRole('tab', { name: 'bc-alpha +2' })).toHaveAttribute('aria-selected', 'true');
  for (const host of GROUP) await expect(terminalRows(terminal(page, host))).toContainText(/[$#]\s*$/m);
  await expect(terminalRows(terminal(page, GROUP[0]))).toContainText('after-10');
  const [alpha2, beta2, gamma2] = await Promise.all(GROUP.map((host) => paneOf(page, host).boundingBox()));
  expect(beta2?.x).toBeGreaterThan(alpha2?.x ?? Infinity);
  expect(gamma2?.y).toBeGreaterThan(alpha2?.y ?? Infinity);
  await page.getByRole('tab', { name: OUTSIDE, exact: true }).click();
  await expect(terminalRows(terminal(page, OUTSIDE))).toContainText(/[$#]\s*$/m);
});
