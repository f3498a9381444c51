import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../../src-main/router/router';
import { createTreeHandlers } from '../../../src-main/router/treeHandlers';
import type { Handlers } from '../../../src-main/router/router';
import { makeTempDir, removeDir } from '../../helpers/tempDir';
import { quietLogger } from '../store/storeFixtures';
import { syncedHost, treeHarness } from './treeHarness';

const SECRET = 'correct-horse-battery-staple-7f3a';

let home: string;
beforeEach(async () => {
  home = await makeTempDir('mx-tree-');
});
afterEach(async () => removeDir(home));

describe('no secret is ever written to the store', () => {
  it('after creating, editing, importing and syncing hosts that carry secrets', async () => {
    const h = await treeHarness(home);
    // A source that (wrongly) hands over a secret with its host: the overlay must not copy it.
    h.sources.netbox.hosts = [
      { ...syncedHost('netbox', 'db'), password: SECRET } as ReturnType<typeof syncedHost>,
    ];
    const router = createRouter({ handlers: createTreeHandlers(h.tree) as Handlers, logger: quietLogger });
    const connection = router.connect(() => undefined);

    const withSecret = await connection.invoke('tree:apply', {
      mutations: [
        {
          op: 'host.create',
          label: 'x',
          hostName: 'x',
          folderId: null,
          tags: [],
          notes: '',
          settings: { password: SECRET },
        },
      ],
    });
    expect(withSecret).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });

    const imported = await connection.invoke('tree:import', {
      mode: 'merge',
      document: {
        format: 'muxdeck-tree',
        version: 1,
        exportedAt: '2025-01-31T00:00:00.000Z',
        token: SECRET,
        folders: [{ id: 'f1', name: 'f', parentId: null, order: 0, settings: {}, apiToken: SECRET }],
        manualHosts: [{ id: 'manual:a', label: 'a', hostName: 'a.example.com', passphrase: SECRET }],
        hosts: { 'manual:a': { placement: { folderId: 'f1', order: 0 }, password: SECRET } },
        favourites: [],
        known: { 'netbox:db': { label: 'db', sourceId: 'netbox', password: SECRET } },
      },
    });
    expect(imported).toMatchObject({ ok: true });
    const moved = await connection.invoke('tree:apply', {
      mutations: [
        { op: 'host.move', hostIds: ['netbox:db'], folderId: null },
        { op: 'favourite.set', hostIds: ['netbox:db'], favourite: true },
      ],
    });
    expect(moved).toMatchObject({ ok: true });
    await h.tree.recordConnected('netbox:db');
    await h.store.flush();

    const files = (await readdir(home)).filter((name) => name.startsWith('store.json'));
    expect(files).toEqual(expect.arrayContaining(['store.json', 'store.json.bak']));
    for (const name of files) expect(await readFile(join(home, name), 'utf8')).not.toContain(SECRET);
  });
});
