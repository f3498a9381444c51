/**
 * Configured sources end to end below the UI: the real NetBox simulator, real inventory files and
 * file watching, the real OS keychain (a private Secret Service), the real store and cache on disk.
 */
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceDraft, type SourceInfo } from '../../src-preload/api';
import { muxdeckPaths } from '../../src-main/app/paths';
import { HostCatalog } from '../../src-main/inventory/hostCatalog';
import { execFileRunner } from '../../src-main/platform/execFileRunner';
import { keytarSecretStore } from '../../src-main/platform/keytarSecretStore';
import { nodeFileReader } from '../../src-main/platform/nodeFileReader';
import { nodeFileStore } from '../../src-main/platform/nodeFileStore';
import { systemClock } from '../../src-main/platform/systemClock';
import type { SecretStore } from '../../src-main/secrets/secretStore';
import { startSources } from '../../src-main/sources/startSources';
import type { SourcesService } from '../../src-main/sources/sourcesService';
import { DurableStore } from '../../src-main/store/durableStore';
import { storePaths } from '../../src-main/store/storePaths';
import { TreeService } from '../../src-main/tree/treeService';
import { startSecretService, type SecretServiceHandle } from '../helpers/secretService';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { waitFor } from '../helpers/waitFor';
import { startSim, type NetboxSim } from './netboxSimHarness';

const logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

let keyring: SecretServiceHandle;
let secrets: SecretStore;
const homes: string[] = [];
const running: SourcesService[] = [];

beforeAll(async () => {
  keyring = await startSecretService();
  process.env.DBUS_SESSION_BUS_ADDRESS = keyring.busAddress;
  secrets = keytarSecretStore('Muxdeck-sources-test');
}, 30_000);

afterAll(async () => {
  for (const service of running) service.dispose();
  await keyring?.stop();
  for (const home of homes) await removeDir(home);
});

async function start(home: string) {
  const store = await DurableStore.open({
    files: nodeFileStore,
    paths: storePaths(home),
    clock: systemClock,
    logger,
  });
  const sources = await startSources({
    store,
    secrets,
    runner: execFileRunner,
    paths: muxdeckPaths(home, () => {
      throw new Error('the test home is short: sockets stay in it');
    }),
    logger,
    // The user clicks "Allow" in the dialog (sourceTrust.test.ts covers refusing).
    confirmation: { confirm: () => Promise.resolve(true) },
  });
  running.push(sources);
  return { store, sources };
}

async function until(
  sources: SourcesService,
  id: string,
  ok: (s: SourceInfo) => boolean,
  describe: string,
  timeoutMs = 15_000,
): Promise<SourceInfo> {
  return waitFor(() => sources.list().find((s) => s.id === id && ok(s)), {
    describe,
    timeoutMs,
    intervalMs: 50,
  });
}

describe('NetBox source', () => {
  let sim: NetboxSim | undefined;
  afterAll(async () => {
    await sim?.close();
  });

  it('syncs in the background, keeps the token in the keychain only, and keeps its hosts when NetBox breaks and at restart', async () => {
    sim = await startSim({ devices: 200, vms: 60, seed: 5 });
    const home = await makeTempDir('mx-srcnb-');
    homes.push(home);
    const first = await start(home);
    const draft = SourceDraft.parse({
      kind: 'netbox',
      label: 'Lab NetBox',
      enabled: true,
      options: { url: sim.url, groupBy: ['site', 'tag'] },
      token: sim.token,
    });
    const progress: number[] = [];
    const stopProgress = first.sources.broadcast({
      broadcast: (m) => {
        if (m.event === 'sources:progress') progress.push(m.payload.fetched);
      },
    });
    const added = await first.sources.add(draft);
    // add() does not wait for the sync: the source is pending or syncing when it answers.
    expect(['pending', 'syncing']).toContain(added.state);
    const synced = await until(first.sources, added.id, (s) => s.state === 'ok', 'the first NetBox sync');
    stopProgress();
    expect(synced.hostCount).toBe(260);
    expect(synced.lastDiff).toMatchObject({ added: 260, removed: 0 });
    expect(progress.at(-1)).toBe(260);

    // The token: in the keychain, not in store.json, not in the cache, not in what the renderer gets.
    expect(await secrets.get(`netbox-token:${added.id}`)).toBe(sim.token);
    const storeText = await readFile(join(home, 'store.json'), 'utf8');
    expect(storeText).toContain(sim.url);
    expect(storeText).not.toContain(sim.token);
    const cacheDir = join(home, 'cache', 'sources');
    const cacheText = await readFile(join(cacheDir, `${added.id}.json`), 'utf8');
    expect(cacheText).not.toContain(sim.token);
    expect(JSON.stringify(first.sources.list())).not.toContain(sim.token);

    // Grouped by tag, a host with two tags is in both folders, as one host.
    const [source] = first.sources.hostSources();
    const hosts = (await source!.load()).hosts;
    expect(hosts.some((h) => (h.otherGroups?.length ?? 0) > 0)).toBe(true);

    // NetBox revokes the token: the source goes stale with the 403 and keeps every host.
    sim.setFaults(['revoke-token:after=0']);
    first.sources.syncNow(added.id);
    const stale = await until(first.sources, added.id, (s) => s.state === 'stale', 'the source to go stale');
    expect(stale.error).toMatch(/token/i);
    expect(stale.hostCount).toBe(260);
    expect((await source!.load()).stale).toBe(true);
    expect(JSON.parse(await readFile(join(cacheDir, `${added.id}.json`), 'utf8')).hosts).toHaveLength(260);

    // Restart with NetBox gone: the last good hosts are there at once, then the source is stale.
    first.sources.dispose();
    await sim.close();
    sim = undefined;
    const second = await start(home);
    const [restarted] = second.sources.list();
    expect(restarted?.hostCount).toBe(260);
    const again = await until(
      second.sources,
      added.id,
      (s) => s.state === 'stale',
      'stale after restart offline',
    );
    expect(again.hostCount).toBe(260);
    expect(again.error).toBeTruthy();
    expect(await readdir(cacheDir)).toEqual([`${added.id}.json`]);

    // Removing the source removes its token and its cache.
    await second.sources.remove(added.id);
    expect(await secrets.get(`netbox-token:${added.id}`)).toBeUndefined();
    expect(await readdir(cacheDir)).toEqual([]);
  }, 60_000);
});

describe('Ansible source', () => {
  it('maps ssh settings, re-syncs within seconds of a file change, and keeps hosts when the file breaks', async () => {
    const home = await makeTempDir('mx-srcan-');
    homes.push(home);
    const inventory = join(home, 'inventory');
    await rm(inventory, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) =>
      fs.mkdir(join(inventory, 'host_vars'), { recursive: true }),
    );
    const file = join(inventory, 'hosts.ini');
    await writeFile(
      file,
      [
        '[web]',
        'web-01 ansible_host=10.0.0.11 ansible_port=2222 ansible_user=deploy',
        'web-02 ansible_ssh_common_args="-o ProxyJump=ops@bastion.example.net:2200"',
        '[db]',
        'db-01',
        'web-01',
        '[switches]',
        'sw-01 ansible_connection=network_cli',
        'win-01 ansible_connection=winrm',
        '[legacy]',
        'old-01 ansible_ssh_common_args=\'-o ProxyCommand="nc -X connect -x proxy:3128 %h %p"\'',
        '[prod:children]',
        'web',
        'db',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(inventory, 'host_vars', 'db-01.yml'),
      'ansible_ssh_private_key_file: /keys/db_ed25519\n',
    );

    const { store, sources } = await start(home);
    const added = await sources.add(
      SourceDraft.parse({
        kind: 'ansible',
        label: 'Ops inventory',
        enabled: true,
        options: { paths: [file] },
      }),
    );
    const synced = await until(sources, added.id, (s) => s.state === 'ok', 'the first Ansible sync');
    expect(synced.hostCount).toBe(6);

    const catalog = new HostCatalog(() => sources.hostSources());
    const hostId = (name: string) => `ansible:${added.id}:${name}`;
    const web1 = (await catalog.find(hostId('web-01')))?.host;
    // In web and db, both under prod: one host, shown in each group.
    expect([web1?.groups, ...(web1?.otherGroups ?? [])]).toEqual(
      expect.arrayContaining([
        ['prod', 'web'],
        ['prod', 'db'],
      ]),
    );
    expect((await catalog.find(hostId('sw-01')))?.host.connection).toBe('network_cli');
    const win = (await catalog.find(hostId('win-01')))?.host;
    expect(win?.connection).toBe('winrm');
    expect(win?.problem).toMatch(/winrm/);
    const old = (await catalog.find(hostId('old-01')))?.host;
    expect(old?.proxyCommand).toEqual({ command: 'nc -X connect -x proxy:3128 %h %p', allowed: false });

    // The ssh command ssh will really run for these hosts.
    const tree = await TreeService.create({
      store,
      catalog,
      ssh: { sshPath: 'ssh' },
      sshConfig: { file: join(home, 'no-ssh-config'), home, files: nodeFileReader },
      clock: systemClock,
      logger,
      confirmation: { confirm: () => Promise.resolve(false) },
      ownDirs: [home],
    });
    const argv = async (name: string) => (await tree.sshCommand(hostId(name))).argv;
    expect(await argv('web-01')).toEqual(expect.arrayContaining(['-l', 'deploy', '-p', '2222', '10.0.0.11']));
    expect((await argv('web-02')).join(' ')).toContain('-J ops@bastion.example.net:2200');
    expect((await argv('db-01')).join(' ')).toContain('-i /keys/db_ed25519');
    await expect(tree.sshCommand(hostId('old-01'))).rejects.toThrow(/ProxyCommand/);
    await expect(tree.sshCommand(hostId('win-01'))).rejects.toThrow(/winrm/);

    // Allowing ProxyCommand for this source passes it to ssh as one argument.
    await sources.update(
      added.id,
      SourceDraft.parse({
        kind: 'ansible',
        label: 'Ops inventory',
        enabled: true,
        options: { paths: [file], allowProxyCommand: true },
      }),
    );
    await until(sources, added.id, (s) => s.state === 'ok', 'the sync after allowing ProxyCommand');
    expect(await argv('old-01')).toContain('ProxyCommand=nc -X connect -x proxy:3128 %h %p');

    // An edit to the file is picked up by the watcher, without "sync now".
    await writeFile(file, `${await readFile(file, 'utf8')}[web]\nweb-03\n`);
    const edited = await until(
      sources,
      added.id,
      (s) => s.state === 'ok' && s.hostCount === 7,
      'web-03 to appear',
      8_000,
    );
    expect(edited.lastDiff).toMatchObject({ added: 1, addedLabels: ['web-03'] });

    // A malformed file: stale, the error names the file and the line, the 7 hosts stay.
    await writeFile(file, `${await readFile(file, 'utf8')}[broken\n`);
    const broken = await until(
      sources,
      added.id,
      (s) => s.state === 'stale',
      'the broken file to be noticed',
      8_000,
    );
    expect(broken.error).toContain(`${file}:`);
    expect(broken.hostCount).toBe(7);

    // Deleted: still stale, still 7 hosts.
    await rm(file);
    const gone = await until(
      sources,
      added.id,
      (s) => s.state === 'stale' && /no such file/.test(s.error ?? ''),
      'the deleted file to be noticed',
      8_000,
    );
    expect(gone.hostCount).toBe(7);
    expect((await catalog.find(hostId('web-03')))?.host.label).toBe('web-03');
  }, 60_000);
});
