import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Locator } from '@playwright/test';
import { tmuxOk } from '../helpers/tmux';
import {
  activeTerminal,
  openHostTab,
  readClipboard,
  startMuxdeck,
  startSshWorld,
  terminalRows,
  typeLine,
  writeClipboard,
  type Muxdeck,
  type SshWorld,
} from './terminalPage';

const HOST = 'term-box';

let world: SshWorld;
let mux: Muxdeck;

test.beforeAll(async () => {
  world = await startSshWorld(HOST);
});

test.afterAll(async () => {
  await world?.stop();
});

test.beforeEach(async ({ page }) => {
  mux = await startMuxdeck(world);
  await page.goto(mux.serve.url);
});

test.afterEach(async () => {
  await mux?.stop();
});

test('draws with the DOM renderer when WebGL is software-rendered or missing', async ({ page }) => {
  const terminal = await openHostTab(page, HOST);
  const host = terminal.locator('.terminal-host');
  await expect(host).toHaveAttribute('data-renderer', 'dom');
  await expect(host).toHaveAttribute('data-renderer-reason', /software GL|no WebGL2/);
});

test('finds text that scrolled off into the scrollback; Esc gives the keyboard back', async ({ page }) => {
  const terminal = await openHostTab(page, HOST);
  const rows = terminalRows(terminal);
  const visibleRows = await rows.locator(':scope > div').count();
  await terminal.click();
  // One line at a time: tmux forwards a screenful scrolled in one go as a redraw, which no terminal under
  // it can keep in its scrollback (docs/performance.md, Terminal).
  await typeLine(
    page,
    `for i in $(seq 1 ${visibleRows + 40}); do echo needle-$i; sleep 0.01; done; echo done-$((2*3))`,
  );
  await expect(rows).toContainText('done-6');

  await page.keyboard.press('Control+Shift+F');
  const search = page.getByRole('search', { name: 'Terminal search' });
  const input = search.getByRole('textbox', { name: 'Find in terminal' });
  await expect(input).toBeFocused();
  await input.fill('needle-');
  // More matches than the screen has rows: the scrollback was searched too.
  await expect(search).toContainText(/\d+ of \d+/);
  const total = Number(/of (\d+)/.exec((await search.textContent()) ?? '')?.[1]);
  expect(total).toBeGreaterThan(visibleRows);
  // The newest match first; Shift+Enter (newer) wraps to the oldest, deep in the scrollback.
  await expect(search).toContainText(`${total} of ${total}`);
  await input.press('Shift+Enter');
  await expect(search).toContainText(`1 of ${total}`);
  await expect(rows).not.toContainText('done-6');
  await input.press('Enter');
  await expect(search).toContainText(`${total} of ${total}`);

  await input.fill('no-such-text');
  await expect(search).toContainText('No matches');

  await input.press('Escape');
  await expect(search).toBeHidden();
  await typeLine(page, 'echo back-$((1+2))');
  await expect(rows).toContainText('back-3');

  // The same find bar from the right-click menu; Esc on the menu gives the keyboard back first.
  const menu = page.getByRole('menu', { name: `Terminal ${HOST}` });
  await terminal.click({ button: 'right' });
  await expect(menu).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(terminal.locator('textarea')).toBeFocused();
  await terminal.click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Find…' }).click();
  await expect(menu).toBeHidden();
  await expect(input).toBeFocused();
});

/** The row showing exactly `text` (the command line that printed it contains more). */
function outputRow(rows: Locator, text: string): Locator {
  return rows.locator(':scope > div', { hasText: new RegExp(`^${text}\\s*$`) });
}

test('copies the selection with Ctrl+Shift+C and pastes with Ctrl+Shift+V', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(mux.serve.url).origin,
  });
  const clipboard = () => readClipboard(page);
  const terminal = await openHostTab(page, HOST);
  const rows = terminalRows(terminal);
  await terminal.click();
  await typeLine(page, 'echo copy$((6*7))me');
  const row = outputRow(rows, 'copy42me');
  await expect(row).toHaveCount(1);

  // Double-click selects the word; copy-on-select (on by default) copies it at once. xterm's screen layer
  // takes the pointer, so click where the row is drawn rather than on the row element.
  const box = await row.boundingBox();
  if (!box) throw new Error('the output row has no box');
  await page.mouse.dblclick(box.x + 8, box.y + box.height / 2);
  await expect.poll(clipboard).toBe('copy42me');

  await writeClipboard(page, 'something else');
  await page.keyboard.press('Control+Shift+C');
  await expect.poll(clipboard).toBe('copy42me');

  await writeClipboard(page, 'echo pasted-$((5*5))');
  await page.keyboard.press('Control+Shift+V');
  await page.keyboard.press('Enter');
  await expect(rows).toContainText('pasted-25');
});

test('Ctrl+= / Ctrl+- / Ctrl+0 zoom the font, and the zoom survives a reload', async ({ page }) => {
  const terminal = await openHostTab(page, HOST);
  const rows = () => terminalRows(activeTerminal(page, HOST));
  // The session's width in tmux: a bigger font must mean fewer columns for the remote programs too.
  const columns = async () =>
    Number((await tmuxOk(mux.tmuxSocket, ['list-sessions', '-F', '#{window_width}'])).trim());
  await terminal.click();
  await expect(rows()).toHaveCSS('font-size', '13px');
  const columnsAt13 = await columns();
  await page.keyboard.press('Control+=');
  await expect(rows()).toHaveCSS('font-size', '14px');
  await page.keyboard.press('Control+-');
  await page.keyboard.press('Control+-');
  await expect(rows()).toHaveCSS('font-size', '12px');
  await page.keyboard.press('Control+0');
  await expect(rows()).toHaveCSS('font-size', '13px');
  await page.keyboard.press('Control+=');
  await page.keyboard.press('Control+=');
  await expect(rows()).toHaveCSS('font-size', '15px');
  await expect.poll(columns).toBeLessThan(columnsAt13);

  // Zoom is not a key for the remote shell: the prompt line still works as before.
  await typeLine(page, 'echo zoomed-$((4+4))');
  await expect(terminalRows(terminal)).toContainText('zoomed-8');

  await page.reload();
  await expect(terminalRows(activeTerminal(page, HOST))).toContainText('zoomed-8');
  await expect(rows()).toHaveCSS('font-size', '15px');
});

test('a bell in a background tab marks that tab until it is shown', async ({ page }) => {
  const first = await openHostTab(page, HOST);
  await first.click();
  const ringNow = join(mux.home, 'ring-now');
  // Waits for the test's signal, so the bell rings only once this tab is in the background.
  await typeLine(page, `while [ ! -e ${ringNow} ]; do sleep 0.1; done; printf 'ring-%s\\a\\n' $((3*3))`);

  await openHostTab(page, HOST);
  const tabs = page.getByRole('tab', { name: HOST, exact: true });
  const background = tabs.nth(0);
  const shown = tabs.nth(1);
  await expect(shown).toHaveAttribute('aria-selected', 'true');
  await expect(background).not.toHaveAttribute('data-bell', 'true');

  await writeFile(ringNow, '');
  await expect(background).toHaveAttribute('data-bell', 'true');
  await expect(background).toHaveAttribute('aria-description', /bell/);
  await expect(shown).not.toHaveAttribute('data-bell', 'true');

  await background.click();
  await expect(background).toHaveAttribute('aria-selected', 'true');
  await expect(background).not.toHaveAttribute('data-bell', 'true');
  await expect(terminalRows(activeTerminal(page, HOST))).toContainText('ring-9');
});

test('terminal settings: theme and font size apply to the terminal at once', async ({ page }) => {
  const terminal = await openHostTab(page, HOST);
  const panel = page.getByRole('tabpanel');
  await terminal.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Terminal settings…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Terminal settings' });
  await expect(dialog).toBeVisible();

  await dialog.getByLabel('Theme').selectOption('dark');
  await expect(panel).toHaveCSS('background-color', 'rgb(30, 30, 30)');
  await dialog.getByLabel('Theme').selectOption('light');
  await expect(panel).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await dialog.getByLabel('Font size').fill('16');
  await expect(terminalRows(terminal)).toHaveCSS('font-size', '16px');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(terminal.locator('textarea')).toBeFocused();
  await page.reload();
  await expect(terminalRows(activeTerminal(page, HOST))).toHaveCSS('font-size', '16px');
  await expect(page.getByRole('tabpanel')).toHaveCSS('background-color', 'rgb(255, 255, 255)');
});
