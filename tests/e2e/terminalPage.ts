import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
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

/** One loopback sshd and ssh config for a test file; each test gets its own Muxdeck (see startMuxdeck). */
export interface SshWorld {
  host: string;
  sshd: SshdHandle;
  fake: FakeHome;
  stop(): Promise<void>;
}

export async function startSshWorld(host: string): Promise<SshWorld> {
  const sshd = await startSshd();
  const fake = await makeFakeHome();
  await writeSshClientConfig({
    file: fake.configFile,
    hosts: [{ alias: host, sshd }],
    knownHostsFile: fake.knownHostsFile,
  });
  return {
    host,
    sshd,
    fake,
    async stop() {
      await sshd.stop();
      await fake.cleanup();
    },
  };
}

/** A `muxdeck serve` with its own MUXDECK_HOME, so no test sees another's sessions as restored tabs. */
export interface Muxdeck {
  serve: ServeProcess;
  home: string;
  tmuxSocket: string;
  /** Stops the serve process and starts a new one on the same MUXDECK_HOME (sessions live on in tmux). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startMuxdeck(world: SshWorld): Promise<Muxdeck> {
  const home = await makeTempDir('mx-e2e-term-');
  const env = { ...world.fake.env, MUXDECK_HOME: home, MUXDECK_LOG: 'quiet' };
  const tmuxSocket = join(home, 'tmux.sock');
  const mux: Muxdeck = {
    serve: await startServe(env),
    home,
    tmuxSocket,
    async restart() {
      await mux.serve.stop();
      mux.serve = await startServe(env);
    },
    async stop() {
      await mux.serve.stop();
      await killServer(tmuxSocket);
      await removeDir(home);
    },
  };
  return mux;
}

/** The terminal's text rows (DOM renderer), where output is asserted. */
export function terminalRows(terminal: Locator): Locator {
  return terminal.locator('.xterm-rows');
}

/**
 * Double-clicks the host in the tree and waits for the shell prompt in the new tab's terminal. Returns the
 * shown terminal: hidden tab panels are out of the accessibility tree, so only the active one matches.
 */
export async function openHostTab(page: Page, host: string): Promise<Locator> {
  const tabs = page.getByRole('tab', { name: host, exact: true });
  const before = await tabs.count();
  // Once connected, the host is also listed under Recent: any of its entries opens it.
  await page
    .getByRole('tree', { name: 'Hosts' })
    .getByRole('treeitem', { name: host, exact: true })
    .first()
    .dblclick();
  await expect(tabs).toHaveCount(before + 1);
  const terminal = activeTerminal(page, host);
  await expect(terminal).toBeVisible();
  await expect(terminalRows(terminal)).toContainText(/[$#]\s*$/m);
  return terminal;
}

/**
 * The host's terminal on screen. A tab restored from an earlier test's session (it may arrive late on a
 * loaded machine) holds a hidden terminal of the same name: only the visible one is the user's.
 */
export function activeTerminal(page: Page, host: string): Locator {
  return page.getByRole('region', { name: `Terminal ${host}` }).filter({ visible: true });
}

/** Types a command line into the focused terminal as a user would, and presses Enter. */
export async function typeLine(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

// Browser-side code is passed as text: the tests compile against Node's library, not the DOM's.
export function readClipboard(page: Page): Promise<string> {
  return page.evaluate<string>('navigator.clipboard.readText()');
}

export async function writeClipboard(page: Page, text: string): Promise<void> {
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
}
