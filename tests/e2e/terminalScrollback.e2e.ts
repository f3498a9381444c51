import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { checkSequence, checkTail } from '../helpers/bufferChecks';
import { corpusLine, isCorpusLine, writeCorpus } from '../helpers/numberedFile';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { clearScrollback, readTerminalBuffer } from './terminalBuffer';
import {
  openHostTab,
  startMuxdeck,
  startSshWorld,
  terminalRows,
  typeLine,
  type Muxdeck,
  type SshWorld,
} from './terminalPage';

/**
 * Issue 10: every line a program prints reaches xterm.js's scrollback, up to the scrollback setting. Read
 * back as a user would copy it (Select all, copy), not from the DOM rows, which only hold the screen.
 */
const HOST = 'scrollback-box';
/** The scrollback setting as a new user has it (DEFAULT_TERMINAL_SETTINGS.scrollback, a renderer module). */
const N = 10_000;

let world: SshWorld;
let mux: Muxdeck;
let dataDir: string;

test.beforeAll(async () => {
  world = await startSshWorld(HOST);
  mux = await startMuxdeck(world);
  dataDir = await makeTempDir('mx-e2e-scrollback-');
});

test.afterAll(async () => {
  await mux?.stop();
  await world?.stop();
  if (dataDir) await removeDir(dataDir);
});

async function openTerminal(page: Page): Promise<Locator> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(mux.serve.url).origin,
  });
  await page.goto(mux.serve.url);
  const terminal = await openHostTab(page, HOST);
  await terminal.click();
  return terminal;
}

/**
 * Runs a command and waits for what a user sees when it is done: the marker it prints last (computed by the
 * shell, so the echoed command line never matches), then the prompt after it.
 */
async function runAndWaitForPrompt(
  page: Page,
  terminal: Locator,
  command: string,
  id: number,
): Promise<void> {
  await typeLine(page, `${command}; echo finished-$((${id}+1000))`);
  await expect(terminalRows(terminal)).toContainText(new RegExp(`finished-${id + 1000}.*[$#]\\s*$`), {
    timeout: 60_000,
  });
}

test(`seq 1 ${N} leaves exactly 1..${N} in the terminal's buffer, in order, three times running`, async ({
  page,
}) => {
  const terminal = await openTerminal(page);
  for (let run = 1; run <= 3; run++) {
    // Each run starts from an empty scrollback, so the buffer holds this run's lines and nothing older.
    await clearScrollback(page, terminal);
    await runAndWaitForPrompt(page, terminal, `seq 1 ${N}`, run);
    const check = checkSequence(await readTerminalBuffer(page, terminal), N);
    expect(check, `run ${run}`).toMatchObject({ complete: true, kept: N, missing: 0, inOrder: true });
  }
});

test(`cat of a file longer than the scrollback leaves its last ${N} lines complete`, async ({ page }) => {
  const file = join(dataDir, 'numbered.txt');
  // About 37,000 lines: well past what the scrollback holds, so its start must scroll away.
  const { lines } = await writeCorpus(file, 3);
  const terminal = await openTerminal(page);
  await clearScrollback(page, terminal);
  await runAndWaitForPrompt(page, terminal, `cat ${file}`, 7);
  const expected = Array.from({ length: N }, (_, i) => corpusLine(lines - N + i));
  const tail = checkTail(await readTerminalBuffer(page, terminal), expected, isCorpusLine);
  expect(tail).toEqual({ expected: N, kept: N, missing: 0, completeInOrder: true });
});
