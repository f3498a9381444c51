import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeFakeHome, type FakeHome } from '../helpers/fakeHome';
import { startSecretService, type SecretServiceHandle } from '../helpers/secretService';
import { startServe, type ServeProcess } from '../helpers/serveProcess';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer } from '../helpers/tmux';
import { startSim, type NetboxSim } from '../integration/netboxSimHarness';
import { treePage } from './treePage';

let keyring: SecretServiceHandle;
let sim: NetboxSim;
let fake: FakeHome;
let muxHome: string;
let serve: ServeProcess | undefined;

test.beforeAll(async () => {
  keyring = await startSecretService();
  sim = await startSim({ devices: 40, vms: 10, seed: 7 });
  fake = await makeFakeHome();
  muxHome = await makeTempDir('mx-e2e-src-');
});

test.afterAll(async () => {
  await serve?.crash();
  await killServer(join(muxHome, 'tmux.sock'));
  await sim?.close();
  await keyring?.stop();
  await fake?.cleanup();
  await removeDir(muxHome);
});

test('add a NetBox and an Ansible source in the UI, see their hosts, break both and keep the hosts', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const inventory = join(fake.home, 'hosts.ini');
  await writeFile(
    inventory,
    '[webservers]\nweb-01 ansible_host=10.1.0.1\nweb-02\n[dbservers]\ndb-01\nweb-01\n',
  );
  serve = await startServe({
    ...fake.env,
    MUXDECK_HOME: muxHome,
    MUXDECK_LOG: 'quiet',
    DBUS_SESSION_BUS_ADDRESS: keyring.busAddress,
  });
  await page.goto(serve.url);
  const ui = treePage(page);

  await page.getByRole('button', { name: 'Sources: no sources' }).click();
  const sourcesDialog = page.getByRole('dialog', { name: 'Sources' });
  await expect(sourcesDialog).toBeVisible();

  // NetBox: a bad URL is refused on its field, then the source syncs.
  await sourcesDialog.getByRole('button', { name: 'Add NetBox source' }).click();
  const nb = page.getByRole('dialog', { name: 'Add NetBox source' });
  await nb.getByLabel('Name', { exact: true }).fill('Lab NetBox');
  await nb.getByLabel('NetBox URL').fill('netbox.example');
  await nb.getByLabel('API token').fill(sim.token);
  await nb.getByLabel('Group by').fill('site');
  await expect(nb.getByRole('checkbox', { name: /Skip TLS verification.*Unsafe/ })).not.toBeChecked();
  await nb.getByRole('button', { name: 'Save' }).click();
  await expect(nb.getByLabel('NetBox URL')).toHaveAttribute('aria-invalid', 'true');
  await expect(nb.getByText('use an http:// or https:// URL')).toBeVisible();
  await nb.getByLabel('NetBox URL').fill(sim.url);
  await nb.getByRole('button', { name: 'Save' }).click();
  await expect(sourcesDialog.getByLabel('Status of Lab NetBox')).toContainText('OK · 50 hosts', {
    timeout: 20_000,
  });

  // Ansible: a path that does not exist is named on its field; then the real file.
  await sourcesDialog.getByRole('button', { name: 'Add Ansible source' }).click();
  const an = page.getByRole('dialog', { name: 'Add Ansible source' });
  await an.getByLabel('Name', { exact: true }).fill('Ops');
  await an.getByLabel('Inventory paths').fill(join(fake.home, 'missing.ini'));
  await an.getByRole('button', { name: 'Save' }).click();
  await expect(an.getByText(/missing\.ini: no such file or directory/).first()).toBeVisible();
  await an.getByLabel('Inventory paths').fill(inventory);
  await an.getByRole('button', { name: 'Save' }).click();
  await expect(sourcesDialog.getByLabel('Status of Ops')).toContainText('OK · 3 hosts', { timeout: 20_000 });
  await expect(sourcesDialog.getByLabel('Last changes in Ops')).toContainText('3 added');
  await sourcesDialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: 'Sources: 2 sources ok' })).toBeVisible();

  // The tree: one branch per source, groups as folders, a host in two groups in each of them.
  await expect(ui.row('Lab NetBox')).toHaveAttribute('aria-description', /^50 hosts/);
  await expect(ui.row('Ops')).toBeVisible();
  await ui.row('webservers').click();
  await page.keyboard.press('ArrowRight');
  await ui.row('dbservers').click();
  await page.keyboard.press('ArrowRight');
  await expect(ui.row('web-01')).toHaveCount(2);
  await expect(ui.row('web-02')).toHaveCount(1);
  await expect(ui.row('db-01')).toHaveCount(1);

  // The token is in the keychain, never in the store.
  const storeText = await readFile(join(muxHome, 'store.json'), 'utf8');
  expect(storeText).toContain(sim.url);
  expect(storeText).not.toContain(sim.token);

  // Break both: NetBox revokes the token, the inventory file disappears.
  sim.setFaults(['revoke-token:after=0']);
  await rm(inventory);
  await page.getByRole('button', { name: /^Sources:/ }).click();
  await sourcesDialog.getByRole('button', { name: 'Sync Lab NetBox now' }).click();
  await expect(sourcesDialog.getByLabel('Status of Lab NetBox')).toContainText('Stale · 50 hosts kept', {
    timeout: 20_000,
  });
  await expect(sourcesDialog.getByRole('listitem', { name: 'Lab NetBox' })).toContainText(/token/i);
  await expect(sourcesDialog.getByLabel('Status of Ops')).toContainText('Stale · 3 hosts kept', {
    timeout: 20_000,
  });
  await expect(sourcesDialog.getByRole('listitem', { name: 'Ops' })).toContainText(
    'no such file or directory',
  );
  await sourcesDialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: 'Sources: 2 of 2 sources stale' })).toBeVisible();

  // The tree still shows every host, under branches marked stale with the error.
  await expect(ui.row('Lab NetBox')).toHaveAttribute(
    'aria-description',
    /50 hosts\. Error: Stale, showing the last good hosts: .*token/i,
  );
  await expect(ui.row('Ops')).toHaveAttribute(
    'aria-description',
    /Stale, showing the last good hosts: .*no such file/,
  );
  await expect(ui.row('web-01')).toHaveCount(2);
  await expect(ui.row('db-01')).toBeVisible();
});
