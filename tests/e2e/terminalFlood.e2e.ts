import { expect, test } from '@playwright/test';
import {
  openHostTab,
  startMuxdeck,
  startSshWorld,
  terminalRows,
  typeLine,
  type Muxdeck,
  type SshWorld,
} from './terminalPage';

const HOST = 'flood-box';

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

test('a flooding remote command leaves the UI usable and stops at Ctrl+C', async ({ page }) => {
  await page.goto(mux.serve.url);
  const terminal = await openHostTab(page, HOST);
  const rows = terminalRows(terminal);
  await terminal.click();

  // 200 MB, more than flow control ever lets into the page at once.
  await typeLine(page, 'yes flood-line-$((6*7)) | head -c 200000000');
  await expect(rows).toContainText('flood-line-42');

  // The page still answers while output pours in: the find bar opens and closes.
  await page.keyboard.press('Control+Shift+F');
  const input = page.getByRole('textbox', { name: 'Find in terminal' });
  await expect(input).toBeFocused();
  await input.press('Escape');
  await expect(input).toBeHidden();

  // Ctrl+C is the remote's, not a copy; the next command's echo gets through the backlog.
  await page.keyboard.press('Control+C');
  await typeLine(page, 'echo typed-during-flood-$((3*3))');
  await expect(rows).toContainText('typed-during-flood-9', { timeout: 60_000 });
});
