import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SourceDraft } from '../../../src-preload/api';
import { SourcesService, type RunnerFactory } from '../../../src-main/sources/sourcesService';
import { SyncManager } from '../../../src-main/sources/syncManager';
import type { SecretStore } from '../../../src-main/secrets/secretStore';
import { makeTempDir, removeDir } from '../../helpers/tempDir';
import { openStore } from '../store/storeFixtures';
import { FakeClock, host, MemoryCache, quietLogger, ScriptedRunner } from './fakes';

class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  get(account: string) {
    return Promise.resolve(this.values.get(account));
  }
  set(account: string, secret: string) {
    this.values.set(account, secret);
    return Promise.resolve();
  }
  delete(account: string) {
    return Promise.resolve(this.values.delete(account));
  }
}

const TOKEN = '0123456789abcdef0123456789abcdef01234567';
let home: string | undefined;
afterEach(async () => {
  if (home) await removeDir(home);
});

async function setup(existing: string[] = []) {
  home = await makeTempDir('mx-src-');
  const store = await openStore(home);
  const secrets = new MemorySecrets();
  const clock = new FakeClock();
  const manager = new SyncManager({ clock, cache: new MemoryCache(), logger: quietLogger });
  const runners: Array<{ id: string; runner: ScriptedRunner; token: () => Promise<string | undefined> }> = [];
  const factory: RunnerFactory = (config, token) => {
    const runner = new ScriptedRunner();
    runner.outcomes.push({ hosts: [host(`${config.kind}:${config.id}`, 'h1')], warnings: [] });
    runners.push({ id: config.id, runner, token });
    return runner;
  };
  const service = await SourcesService.start({
    store,
    secrets,
    manager,
    runners: factory,
    logger: quietLogger,
    pathExists: (path) => Promise.resolve(existing.includes(path)),
    confirmation: { confirm: () => Promise.resolve(false) },
  });
  return { store, secrets, clock, service, runners, home };
}

const netboxDraft = (token?: string) =>
  SourceDraft.parse({
    kind: 'netbox',
    label: 'Lab NetBox',
    enabled: true,
    options: { url: 'https://netbox.example.net' },
    ...(token ? { token } : {}),
  });

describe('SourcesService', () => {
  it('keeps the NetBox token in the keychain and never in store.json', async () => {
    const { secrets, service, runners, home: dir } = await setup();
    const info = await service.add(netboxDraft(TOKEN));
    expect(info.hasToken).toBe(true);
    expect(secrets.values.get(`netbox-token:${info.id}`)).toBe(TOKEN);
    const onDisk = await readFile(join(dir, 'store.json'), 'utf8');
    expect(onDisk).toContain('netbox.example.net');
    expect(onDisk).not.toContain(TOKEN);
    expect(await runners[0]?.token()).toBe(TOKEN);
    expect(JSON.stringify(service.list())).not.toContain(TOKEN);
  });

  it('lists a synced source with its hosts, and its hosts reach the catalog', async () => {
    const { clock, service } = await setup(['/inv/hosts.ini']);
    const info = await service.add(
      SourceDraft.parse({
        kind: 'ansible',
        label: 'Ops',
        enabled: true,
        options: { paths: ['/inv/hosts.ini'] },
      }),
    );
    await clock.advance(0);
    const [listed] = service.list();
    expect(listed).toMatchObject({ id: info.id, state: 'ok', hostCount: 1, sourceId: `ansible:${info.id}` });
    const [source] = service.hostSources();
    expect((await source?.load())?.hosts.map((h) => h.label)).toEqual(['h1']);
    expect(source?.host?.(`ansible:${info.id}:h1`)?.label).toBe('h1');
  });

  it('names the field that is wrong: a missing inventory path, a duplicate name, a token of the wrong style', async () => {
    const { service } = await setup();
    await expect(
      service.add(
        SourceDraft.parse({ kind: 'ansible', label: 'Ops', enabled: true, options: { paths: ['/nope'] } }),
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_PAYLOAD',
      issues: [{ path: 'draft.options.paths.0', message: '/nope: no such file or directory' }],
    });
    await service.add(netboxDraft());
    await expect(service.add(netboxDraft())).rejects.toMatchObject({
      issues: [{ path: 'draft.label', message: 'another source has this name' }],
    });
    const v2 = SourceDraft.parse({
      kind: 'netbox',
      label: 'Other',
      enabled: true,
      options: { url: 'https://nb.example.net', tokenStyle: 'v2' },
      token: TOKEN,
    });
    await expect(service.add(v2)).rejects.toMatchObject({ issues: [{ path: 'draft.token' }] });
  });

  it('removing a source deletes its token and its hosts leave the catalog', async () => {
    const { secrets, service } = await setup();
    const info = await service.add(netboxDraft(TOKEN));
    expect(await service.remove(info.id)).toBe(true);
    expect(secrets.values.size).toBe(0);
    expect(service.list()).toEqual([]);
    expect(service.hostSources()).toEqual([]);
  });

  it('rejects bad input with the schema: URL, paths, interval', () => {
    const bad = SourceDraft.safeParse({
      kind: 'netbox',
      label: '',
      enabled: true,
      options: { url: 'ftp://x', intervalMinutes: -1 },
    });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['label', 'options.url', 'options.intervalMinutes']));
  });
});
