import { existsSync } from 'node:fs';
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

/**
 * Issue 10 / UX.md: stopping a broadcast with its gesture (Esc Esc) sends nothing to the targets. Before,
 * the first Escape went out at once, so every host read the next key as Meta+key: `echo` lost its `e`.
 */
const GROUP = ['stop-alpha', 'stop-beta', 'stop-gamma'] as const;

let servers: SshdHandle[] = [];
let fake: FakeHome;
let muxHome: string;
let proofDir: string;
let serve: ServeProcess | undefined;

test.beforeAll(async () => {
  // Each sshd tells its shells which host they are, so a command's marker file names where it ran.
  servers = await Promise.all(GROUP.map((alias) => startSshd({ setEnv: { MUXDECK_MARK: alias } })));
  fake = await makeFakeHome();
  await writeSshClientConfig({
    file: fake.configFile,
    hosts: GROUP.map((alias, index) => ({ alias, sshd: servers[index] as SshdHandle })),
    knownHostsFile: fake.knownHostsFile,
  });
  muxHome = await makeTempDir('mx-e2e-bcstop-');
  proofDir = await makeTempDir('mx-bcstop-proof-');
});

test.afterAll(async () => {
  await serve?.stop();
  await killServer(join(muxHome, 'tmux.sock'));
  await Promise.all(servers.map((server) => server.stop()));
  await fake?.cleanup();
  await removeDir(muxHome);
  await removeDir(proofDir);
});

const terminal = (page: Page, host: string): Locator =>
  page.getByRole('region', { name: `Terminal ${host}` });
const paneOf = (page: Page, host: string): Locator => page.locator('.pane', { has: terminal(page, host) });

/** The terminal's screen, one string per row, as drawn (DOM renderer). */
function screenLines(page: Page, host: string): Promise<string[]> {
  return terminalRows(terminal(page, host))
    .locator(':scope > div')
    .allTextContents()
    .then((rows) => rows.map((row) => row.replace(/\u00a0/g, ' ').trimEnd()));
}

/**
 * Types a command into one pane and waits for its prompt to come back. Returns what the shell printed
 * between the command line and that prompt, and the command line as the shell echoed it. `unique` is part
 * of the command, so the line is found however much else is on the screen.
 */
async function runAlone(page: Page, host: string, command: string, unique: string) {
  await terminal(page, host).click();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  let result: { commandLine: string; output: string[] } | undefined;
  await expect
    .poll(async () => {
      const lines = await screenLines(page, host);
      const at = lines.findLastIndex((line) => line.includes(unique));
      const promptAt = lines.findIndex((line, index) => index > at && /[$#]\s*$/.test(line));
      if (at < 0 || promptAt < 0) return false;
      result = { commandLine: lines[at] ?? '', output: lines.slice(at + 1, promptAt) };
      return true;
    })
    .toBe(true);
  return result as { commandLine: string; output: string[] };
}

test('Esc Esc stops a broadcast without sending anything: a command typed next runs exactly as typed, in one pane only', async ({
  page,
}) => {
  serve = await startServe({ ...fake.env, MUXDECK_HOME: muxHome, MUXDECK_LOG: 'quiet' });
  await page.goto(serve.url);
  const tree = page.getByRole('tree', { name: 'Hosts' });
  const row = (host: string) => tree.getByRole('treeitem', { name: host, exact: true }).first();
  await row(GROUP[0]).click();
  await row(GROUP[1]).click({ modifiers: ['Control'] });
  await row(GROUP[2]).click({ modifiers: ['Control'] });
  await page.keyboard.press('Shift+Enter');
  for (const host of GROUP) {
    await expect(terminalRows(terminal(page, host))).toContainText(/[$#]\s*$/m);
    await expect(paneOf(page, host).locator('.pane-header')).toHaveAttribute('data-status', 'connected');
  }

  // Broadcasting: one line typed in alpha runs on all three. A short prompt and working directory keep
  // the commands below on one row of these narrow panes.
  await terminal(page, GROUP[0]).click();
  await page.keyboard.press('Control+Shift+B');
  const banner = page.getByRole('region', { name: 'Broadcast' });
  await expect(banner).toContainText('Broadcasting to 3 sessions');
  await page.keyboard.type(`cd ${proofDir}; PS1='\\$ '; echo on-$((1+1))`);
  await page.keyboard.press('Enter');
  for (const host of GROUP) await expect(terminalRows(terminal(page, host))).toContainText('on-2');

  // The gesture stops it.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(banner).toBeHidden();
  for (const host of GROUP) await expect(paneOf(page, host)).not.toHaveClass(/is-broadcast-target/);

  // Typed into alpha: it runs there exactly as typed (a stray Escape would eat the `e` of `echo` as Meta+e),
  // and its marker file appears for alpha alone.
  const command = 'echo x >> after-$MUXDECK_MARK; echo $((6*7))-solo';
  const alpha = await runAlone(page, GROUP[0], command, 'after-$MUXDECK_MARK');
  expect(alpha.commandLine.endsWith(command)).toBe(true);
  expect(alpha.output).toEqual(['42-solo']);
  expect(GROUP.map((host) => existsSync(join(proofDir, `after-${host}`)))).toEqual([true, false, false]);
  for (const host of GROUP.slice(1)) {
    // (A bare "42" could be part of a temp directory's random name on screen.)
    await expect(terminalRows(terminal(page, host))).not.toContainText('42-solo');
  }

  // The other targets received nothing either: no Escape waits in their shells to swallow the next key.
  for (const [index, host] of GROUP.slice(1).entries()) {
    const check = `echo alone-${index}-$((2+3))`;
    const result = await runAlone(page, host, check, `alone-${index}-$((`);
    expect(result.commandLine.endsWith(check)).toBe(true);
    expect(result.output).toEqual([`alone-${index}-5`]);
  }
});
