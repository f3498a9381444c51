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

const HOST = 'status-box';

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

test('a dropped connection shows on the tab, the status line and an overlay; R reconnects', async ({
  page,
}) => {
  await page.goto(mux.serve.url);
  const terminal = await openHostTab(page, HOST);
  const rows = terminalRows(terminal);
  const tab = page.getByRole('tab', { name: HOST, exact: true });
  const statusLine = page.getByRole('contentinfo', { name: 'Status' });
  await expect(tab).toHaveAttribute('data-status', 'connected');
  await expect(tab).toHaveAttribute('aria-description', 'connected');
  await expect(statusLine).toContainText(`${HOST} connected`);

  await terminal.click();
  await typeLine(page, 'echo before-drop-$((2+3))');
  await expect(rows).toContainText('before-drop-5');

  // The host goes away: Muxdeck retries with backoff, then gives up and says so.
  await world.sshd.interrupt();
  await expect(tab).toHaveAttribute('data-status', 'disconnected');
  const overlay = page.getByTestId('reconnect-overlay');
  await expect(overlay).toBeVisible();
  await expect(overlay).toHaveAttribute('role', 'status');
  await expect(overlay).toContainText('Disconnected');
  await expect(overlay).toContainText('Muxdeck is not retrying.', { timeout: 60_000 });
  await expect(overlay).toContainText(/gave up/);
  await expect(tab).toHaveAttribute('aria-description', /^disconnected: .*gave up/);
  await expect(statusLine).toContainText(`${HOST} disconnected`);
  // The overlay took the keyboard from the dead terminal.
  await expect(overlay).toBeFocused();

  await world.sshd.resume();
  await page.keyboard.press('r');
  await expect(tab).toHaveAttribute('data-status', 'connected');
  await expect(overlay).toBeHidden();
  await expect(rows).toContainText(/[$#]\s*$/m);
  // The keyboard is the terminal's again.
  await typeLine(page, 'echo after-reconnect-$((3+4))');
  await expect(rows).toContainText('after-reconnect-7');
});
