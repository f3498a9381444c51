import { appendFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import {
  activeTerminal,
  startMuxdeck,
  startSshWorld,
  terminalRows,
  type Muxdeck,
  type SshWorld,
} from './terminalPage';

const HOST = 'nego-box';

let world: SshWorld;
let mux: Muxdeck;

test.beforeAll(async () => {
  world = await startSshWorld('ok-box');
  // The loopback sshd offers only an ed25519 host key; this host accepts only RSA ones: ssh stops at once.
  await appendFile(
    world.fake.configFile,
    [
      `Host ${HOST}`,
      '  HostName 127.0.0.1',
      `  Port ${world.sshd.port}`,
      `  User ${world.sshd.user}`,
      `  IdentityFile ${world.sshd.userKeyPath}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${world.fake.knownHostsFile}`,
      '  GlobalKnownHostsFile /dev/null',
      '  HostKeyAlgorithms rsa-sha2-512,rsa-sha2-256',
      '',
    ].join('\n'),
  );
  mux = await startMuxdeck(world);
});

test.afterAll(async () => {
  await mux?.stop();
  await world?.stop();
});

test("a failed connect shows ssh's own message in the pane and 'Could not connect' in the status", async ({
  page,
}) => {
  await page.goto(mux.serve.url);
  await page
    .getByRole('tree', { name: 'Hosts' })
    .getByRole('treeitem', { name: HOST, exact: true })
    .first()
    .dblclick();
  const tab = page.getByRole('tab', { name: HOST, exact: true });
  await expect(tab).toHaveCount(1);
  const terminal = activeTerminal(page, HOST);
  const words = /Unable to negotiate with 127\.0\.0\.1 port \d+: no matching host key type found/;

  // The tab stays, with ssh's words in the pane and in the status: never closed as "finished". tmux's
  // "Pane is dead" line scrolls the screen by one, which puts ssh's first line just above it: scroll up.
  await expect(tab).toHaveAttribute('data-status', 'error');
  await expect(terminalRows(terminal)).toContainText('Pane is dead (status 255');
  await expect(async () => {
    await terminal.hover({ position: { x: 100, y: 100 } });
    await page.mouse.wheel(0, -400);
    await expect(terminalRows(terminal)).toContainText(words, { timeout: 1_000 });
  }).toPass();
  await expect(tab).toHaveAttribute('aria-description', /^could not connect: Unable to negotiate/);
  const statusLine = page.getByRole('contentinfo', { name: 'Status' });
  await expect(statusLine).toContainText(`${HOST} could not connect`);
  await expect(statusLine).toContainText(words);
  const overlay = page.getByTestId('reconnect-overlay');
  await expect(overlay).toContainText('Could not connect');
  await expect(overlay).toContainText(words);
  await expect(overlay).toContainText('Muxdeck will not retry on its own.');
  await expect(overlay).not.toContainText('Disconnected');
});
