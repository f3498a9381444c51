import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  activeTerminal,
  openHostTab,
  startMuxdeck,
  startSshWorld,
  terminalRows,
  type Muxdeck,
  type SshWorld,
} from './terminalPage';

const HOST = 'prefs-box';

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

test('settings refuse bad values by name, apply at once, and are kept in the store across a restart', async ({
  page,
}) => {
  const terminal = await openHostTab(page, HOST);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();

  const attempts = dialog.getByLabel('Reconnect attempts');
  await attempts.fill('-1');
  await expect(dialog.getByText('Reconnect attempts: a whole number')).toBeVisible();
  await attempts.fill('25');
  await expect(dialog.getByText('Reconnect attempts: from 0 to 20')).toBeVisible();
  await attempts.fill('5');
  await dialog.getByLabel(/Keep closed panes/).check();
  const cap = dialog.getByLabel('Session log cap (MB)');
  await cap.fill('99999');
  await expect(dialog.getByText('Session log cap (MB): from 1 to 10240 MB')).toBeVisible();
  await cap.fill('20');
  await dialog.getByLabel('Font size').fill('17');
  await expect(terminalRows(terminal)).toHaveCSS('font-size', '17px');
  const scrollback = dialog.getByLabel('Scrollback (lines)');
  await expect(scrollback).toHaveValue('10000');
  await scrollback.fill('500');
  await expect(dialog.getByText('Scrollback: a whole number from 1000 to 100000.')).toBeVisible();
  await scrollback.fill('20000');
  await expect(dialog.getByText('Scrollback: a whole number')).toBeHidden();
  await expect(dialog.getByLabel(/Check for updates/)).toBeChecked();
  await dialog.getByLabel(/Check for updates/).uncheck();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  // Saved in MUXDECK_HOME's store, not in the page: a restart (another port, another origin) finds them.
  await expect
    .poll(async () => JSON.parse(await readFile(join(mux.home, 'store.json'), 'utf8')).settings)
    .toMatchObject({
      reconnectAttempts: 5,
      keepClosedPanes: true,
      logSizeCapMb: 20,
      terminal: { fontSize: 17, scrollback: 20_000 },
      autoUpdate: false,
    });
  await mux.restart();
  // A new page, as a user opening the printed URL: the same URL is only a fragment change for the old
  // page, which would reload itself on reconnecting, at a moment of its choosing.
  await page.goto('about:blank');
  await page.goto(mux.serve.url);
  await expect(terminalRows(activeTerminal(page, HOST))).toHaveCSS('font-size', '17px');
  await page.getByRole('button', { name: 'Settings' }).click();
  const reopened = page.getByRole('dialog', { name: 'Settings' });
  await expect(reopened.getByLabel('Reconnect attempts')).toHaveValue('5');
  await expect(reopened.getByLabel(/Keep closed panes/)).toBeChecked();
  await expect(reopened.getByLabel('Session log cap (MB)')).toHaveValue('20');
  await expect(reopened.getByLabel('Scrollback (lines)')).toHaveValue('20000');
  await expect(reopened.getByLabel(/Check for updates/)).not.toBeChecked();
});

test("a host's extra ssh options and logging are set in its form; the log folder is one click away", async ({
  page,
}) => {
  const tree = page.getByRole('tree', { name: 'Hosts' });
  await tree.getByRole('treeitem', { name: HOST, exact: true }).first().click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Edit…' }).click();
  const form = page.getByRole('dialog');
  const extra = form.getByLabel('Extra ssh options');
  await extra.fill('ServerAliveInterval 15\nProxyCommand nc %h %p');
  await extra.blur();
  await expect(form.getByText(/line 2: ProxyCommand is not an option Muxdeck passes to ssh/)).toBeVisible();
  // Allowed, but what they hand over is said under the field before saving.
  await extra.fill('ForwardAgent yes\nLocalForward 0.0.0.0:8080 localhost:80');
  const note = form.getByRole('note', { name: 'What these ssh options allow' });
  await expect(
    note.getByText(/ForwardAgent yes: root on the remote host can use your ssh keys/),
  ).toBeVisible();
  await expect(
    note.getByText(/LocalForward 0.0.0.0:8080 localhost:80: listens beyond loopback/),
  ).toBeVisible();
  await extra.fill('ServerAliveInterval 15');
  await expect(note).toBeHidden();
  await form.getByLabel('Session logging').selectOption('on');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();

  await openHostTab(page, HOST);
  await page.getByRole('tab', { name: HOST, exact: true }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Open log folder' }).click();
  // A browser cannot open the server's file manager: serve mode says where the logs are.
  const logDir = join(mux.home, 'logs', HOST);
  await expect(page.getByText(`Session logs are in ${logDir}`)).toBeVisible();

  // The option reached ssh: the session's ssh process carries it on its command line.
  expect(await sshCommandLines()).toContainEqual(
    expect.arrayContaining(['-o', 'ServerAliveInterval=15', HOST]),
  );
});

/** The argv of every running ssh client, from /proc. */
async function sshCommandLines(): Promise<string[][]> {
  const lines: string[][] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const argv = await readFile(`/proc/${pid}/cmdline`, 'utf8').then(
      (text) => text.split('\0').filter(Boolean),
      () => [],
    );
    if (argv[0] && /(^|\/)ssh$/.test(argv[0])) lines.push(argv);
  }
  return lines;
}
