import type { Locator, Page } from '@playwright/test';

/**
 * Reads everything xterm.js holds for a terminal (scrollback and screen) the way a user would copy it: the
 * terminal's right-click menu → Select all, then Ctrl+Shift+C, then the clipboard. No test hook in the app:
 * the DOM rows only show the screen, while the selection covers the whole buffer.
 *
 * The page needs clipboard-read and clipboard-write (context.grantPermissions). Only Playwright types are
 * imported, so the benchmark (plain Node) can use it too.
 */
export async function readTerminalBuffer(page: Page, terminal: Locator, timeoutMs = 30_000): Promise<string> {
  // A value no buffer holds: when the clipboard no longer reads it, the copy has landed.
  const sentinel = `muxdeck-buffer-read-${Date.now()}-${Math.random()}`;
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(sentinel)})`);
  await terminal.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Select all' }).click();
  // Copy-on-select may already have copied it; the shortcut copies whatever that setting says.
  await page.keyboard.press('Control+Shift+C');
  const text = await copiedText(page, sentinel, timeoutMs);
  // A left click ends the selection, so later output is not drawn selected and the next read starts clean.
  await terminal.click();
  return text;
}

/** The terminal's right-click menu → Clear scrollback: the buffer keeps only the current line. */
export async function clearScrollback(page: Page, terminal: Locator): Promise<void> {
  await terminal.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Clear scrollback' }).click();
  // Typing goes where the user clicked last: into this terminal, not wherever the menu left focus.
  await terminal.click();
}

/** Polls the clipboard until it holds something other than `sentinel`. */
async function copiedText(page: Page, sentinel: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await page.evaluate<string>('navigator.clipboard.readText()');
    if (text !== sentinel) return text;
    if (Date.now() > deadline) throw new Error('the terminal buffer never reached the clipboard');
    await new Promise((done) => setTimeout(done, 100));
  }
}
