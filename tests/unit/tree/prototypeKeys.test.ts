import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS, type ApiResponse, type TreeMutation } from '../../../src-preload/api';
import { ownValue } from '../../../src-main/common/ownRecord';
import { createRouter, type Handlers } from '../../../src-main/router/router';
import { createTreeHandlers } from '../../../src-main/router/treeHandlers';
import { applyMutations } from '../../../src-main/tree/applyMutations.logic';
import type { TreeContext } from '../../../src-main/tree/treeContext';
import { makeTempDir, removeDir } from '../../helpers/tempDir';
import { goodStore, openStore, writeStoreFile } from '../store/storeFixtures';
import { syncedHost, treeHarness } from './treeHarness';

let home: string;
beforeEach(async () => {
  home = await makeTempDir('mx-proto-');
});
afterEach(async () => removeDir(home));

const RESERVED = ['__proto__', 'constructor', 'prototype'] as const;

const ORIGINAL_PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

/** What a polluted Object.prototype shows: a key it did not have, or a field the tree writes on overlays. */
function prototypeIsClean(): boolean {
  const probe: Record<string, unknown> = {};
  return (
    Object.getOwnPropertyNames(Object.prototype).every((name) => ORIGINAL_PROTOTYPE_KEYS.has(name)) &&
    probe.tags === undefined &&
    probe.notes === undefined &&
    probe.placement === undefined &&
    probe.label === undefined
  );
}

async function treeRouter() {
  const h = await treeHarness(home);
  h.sources.sshConfig.hosts = [syncedHost('ssh-config', 'alpha')];
  const unexpected = () => {
    throw new Error('not under test');
  };
  const handlers = {
    ...(Object.fromEntries(REQUEST_CHANNELS.map((c) => [c, unexpected])) as unknown as Handlers),
    ...createTreeHandlers(h.tree),
  };
  const connection = createRouter({ handlers, logger: { info() {}, warn() {}, error() {} } }).connect(
    () => {},
  );
  return { ...h, connection };
}

const update = (hostId: string): TreeMutation => ({
  op: 'host.update',
  hostId,
  label: 'x',
  tags: ['polluted'],
  notes: 'polluted',
  settings: {},
});

function codeOf(response: ApiResponse): string {
  return response.ok ? 'ok' : response.error.code;
}

describe('prototype keys as host ids (security review, issue 11)', () => {
  it.each(RESERVED)(
    'refuses %s as a hostId of host.update and host.move, and later saves still work',
    async (id) => {
      const { connection, store } = await treeRouter();
      for (const mutation of [update(id), { op: 'host.move', hostIds: [id], folderId: null } as const]) {
        const response = await connection.invoke('tree:apply', { mutations: [mutation] });
        expect(codeOf(response)).toBe('INVALID_PAYLOAD');
        expect(prototypeIsClean()).toBe(true);
      }
      const ok = await connection.invoke('tree:apply', {
        mutations: [{ op: 'favourite.set', hostIds: ['ssh-config:alpha'], favourite: true }],
      });
      expect(codeOf(ok)).toBe('ok');
      expect(store.read().tree.favourites).toEqual(['ssh-config:alpha']);
    },
  );

  it('refuses a shared export file that plants prototype keys as favourites or record keys', async () => {
    const { connection, store } = await treeRouter();
    const document = {
      format: 'muxdeck-tree',
      version: 1,
      exportedAt: '2026-01-01T00:00:00Z',
      folders: [],
      manualHosts: [],
      hosts: {},
      favourites: ['__proto__', 'constructor', 'toString'],
      known: {},
    };
    expect(codeOf(await connection.invoke('tree:import', { document, mode: 'merge' }))).toBe(
      'INVALID_PAYLOAD',
    );
    const keyed = { ...document, favourites: [], hosts: JSON.parse('{"constructor": {"notes": "x"}}') };
    expect(codeOf(await connection.invoke('tree:import', { document: keyed, mode: 'replace' }))).toBe(
      'INVALID_PAYLOAD',
    );
    expect(store.read().tree.favourites).toEqual([]);
    expect(prototypeIsClean()).toBe(true);
  });

  it('keeps "toString" an ordinary host id: imported as a favourite, it is updated as its own entry', async () => {
    const { connection, store } = await treeRouter();
    const document = {
      format: 'muxdeck-tree',
      version: 1,
      exportedAt: '2026-01-01T00:00:00Z',
      folders: [],
      manualHosts: [],
      hosts: {},
      favourites: ['toString', 'hasOwnProperty'],
      known: {},
    };
    expect(codeOf(await connection.invoke('tree:import', { document, mode: 'merge' }))).toBe('ok');
    expect(codeOf(await connection.invoke('tree:apply', { mutations: [update('toString')] }))).toBe('ok');
    expect(prototypeIsClean()).toBe(true);
    expect(Object.hasOwn(store.read().tree.hosts, 'toString')).toBe(true);
    expect(ownValue(store.read().tree.hosts, 'toString')?.tags).toEqual(['polluted']);
    // An id never stored is not "known" through an inherited property.
    const missing = await connection.invoke('tree:apply', { mutations: [update('valueOf')] });
    expect(codeOf(missing)).toBe('NOT_FOUND');
  });

  it('drops prototype keys a store file already holds, and mutations past the contract cannot pollute', async () => {
    const planted = goodStore();
    await writeStoreFile(
      home,
      JSON.stringify({
        ...planted,
        tree: { ...planted.tree, favourites: ['__proto__', 'constructor'] },
      }).replace('"hosts":{', '"hosts":{"__proto__":{"notes":"x"},"constructor":{"notes":"y"},'),
    );
    const { store, tree } = await treeHarness(home);
    expect(store.read().tree.favourites).not.toContain('__proto__');
    expect(Object.keys(store.read().tree.hosts)).not.toContain('constructor');
    expect(
      store
        .notices()
        .map((n) => n.message)
        .join(),
    ).toContain('prototype');
    expect(prototypeIsClean()).toBe(true);
    await tree.apply([{ op: 'layout.expand', nodeId: 'folder:f-1', expanded: true }]);

    // The logic below the contract, fed a reserved id anyway, refuses it as unknown.
    const data = (await openStore(home)).read();
    const poisoned = { ...data, tree: { ...data.tree, favourites: ['__proto__'] } };
    const ctx: TreeContext = {
      now: 0,
      listedHost: () => undefined,
      destinationOf: () => undefined,
      sourceKind: () => undefined,
      hostNameProblem: () => undefined,
      newFolderId: () => 'f-new',
      newManualHostId: () => 'manual:new',
    };
    expect(() => applyMutations(poisoned, [update('__proto__')], ctx)).toThrow(/no host/);
    expect(prototypeIsClean()).toBe(true);
  });
});
