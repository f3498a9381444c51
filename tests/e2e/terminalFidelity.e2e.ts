import { expect, test } from '@playwright/test';
import {
  activeTerminal,
  openHostTab,
  startMuxdeck,
  startSshWorld,
  terminalRows,
  typeLine,
  type Muxdeck,
  type SshWorld,
} from './terminalPage';

/**
 * The terminal shows what the program wrote, the way the program meant it, across a restart: a
 * program's questions to its terminal get one answer (tmux's), and a full-screen program is back on
 * screen, with the shell behind it, when Muxdeck starts again.
 */

const HOST = 'fidelity-box';

let world: SshWorld;
let mux: Muxdeck;

test.beforeAll(async () => {
  world = await startSshWorld(HOST);
  mux = await startMuxdeck(world);
});

test.afterAll(async () => {
  await mux?.stop();
  await world?.stop();
});

test('a program asking for device attributes gets exactly one answer', async ({ page }) => {
  await page.goto(mux.serve.url);
  const terminal = await openHostTab(page, HOST);
  const rows = terminalRows(terminal);
  await terminal.click();
  // Read the first answer, then wait up to a second for a doubled one (the bug: xterm.js answered too).
  await typeLine(
    page,
    `printf '\\033[c'; IFS= read -rs -d c first; IFS= read -rs -t 1 -d c second; echo "answers:\${#first}:\${#second}:done"`,
  );
  await expect(rows).toContainText(/answers:\d+:0:done/, { timeout: 20_000 });
  await expect(rows).not.toContainText('answers:0:');
});

test('a full-screen program is back on screen after a restart, and the shell behind it', async ({ page }) => {
  await page.goto(mux.serve.url);
  const terminal = await openHostTab(page, HOST);
  await terminal.click();
  await typeLine(page, 'echo before-$((8*8))');
  await expect(terminalRows(terminal)).toContainText('before-64');
  await typeLine(
    page,
    `printf '\\033[?1049h\\033[H\\033[2J\\033[3;5Hfull-%s' screen; read -r answer; printf '\\033[?1049l'; echo got-$answer`,
  );
  await expect(terminalRows(terminal)).toContainText('full-screen');
  await expect(terminalRows(terminal)).not.toContainText('before-64');

  await mux.restart();
  // A new page, as a user opening the printed URL: the same URL is only a fragment change for the old
  // page, which would reload itself on reconnecting, at a moment of its choosing.
  await page.goto('about:blank');
  await page.goto(mux.serve.url);
  const restored = activeTerminal(page, HOST);
  await expect(terminalRows(restored)).toContainText('full-screen');
  await expect(terminalRows(restored)).not.toContainText('before-64');
  await restored.click();
  await typeLine(page, 'yes');
  await expect(terminalRows(restored)).toContainText('got-yes');
  await expect(terminalRows(restored)).toContainText('before-64');
});
