/**
 * Security review (issue 11, finding 8): a page cannot use the extra-options allow-list to expose this
 * machine. It drives the contract (tree:apply, tree:import) as a compromised renderer would.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostSettings, TreeExportDocument } from '../../../src-preload/api';
import { createRouter, type Handlers } from '../../../src-main/router/router';
import { createTreeHandlers } from '../../../src-main/router/treeHandlers';
import { makeTempDir, removeDir } from '../../helpers/tempDir';
import { quietLogger } from '../store/storeFixtures';
import { treeHarness } from './treeHarness';

let home: string;
beforeEach(async () => {
  home = await makeTempDir('mx-fwd-');
});
afterEach(async () => removeDir(home));

async function page() {
  const h = await treeHarness(home);
  const router = createRouter({ handlers: createTreeHandlers(h.tree) as Handlers, logger: quietLogger });
  const connection = router.connect(() => undefined);
  const created = await connection.invoke('tree:apply', {
    mutations: [{ op: 'folder.create', name: 'prod', parentId: null }],
  });
  if (!created.ok) throw new Error('no folder');
  const folderId = (created.result as { createdIds: string[] }).createdIds[0] ?? '';
  const saveFolder = (settings: HostSettings) =>
    connection.invoke('tree:apply', {
      mutations: [{ op: 'folder.update', folderId, name: 'prod', settings, notes: '' }],
    });
  const savedOptions = () =>
    h.store.read().tree.folders.find((f) => f.id === folderId)?.settings.extraOptions;
  return { h, connection, saveFolder, savedOptions };
}

const document = (extraOptions: Record<string, string>): TreeExportDocument => ({
  format: 'muxdeck-tree',
  version: 1,
  exportedAt: '2026-01-01T00:00:00.000Z',
  folders: [{ id: 'f1', name: 'shared', parentId: null, order: 0, settings: { extraOptions } }],
  manualHosts: [{ id: 'manual:a', label: 'a', hostName: 'a.example.com' }],
  hosts: { 'manual:a': { placement: { folderId: 'f1', order: 0 } } },
  favourites: [],
  known: {},
});

describe("forwards to Muxdeck's own sockets", () => {
  it('are refused outright, also written with .. and also through an import', async () => {
    const { h, connection, saveFolder, savedOptions } = await page();
    for (const target of [
      join(home, 'tmux.sock'),
      join(home, 'logs', '..', 'askpass.sock'),
      join(home, 'cm', 'x'),
    ]) {
      const saved = await saveFolder({ extraOptions: { RemoteForward: `2222 ${target}` } });
      expect(saved).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
      expect(JSON.stringify(saved)).toContain("Muxdeck's own directory");
    }
    const imported = await connection.invoke('tree:import', {
      mode: 'merge',
      document: document({ RemoteForward: `2222 ${join(home, 'tmux.sock')}` }),
    });
    expect(imported).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(savedOptions()).toBeUndefined();
    expect(h.store.read().tree.folders.map((f) => f.name)).toEqual(['prod']);
    expect(h.confirmation.asked).toEqual([]);
  });
});

describe('forwards beyond loopback', () => {
  it('are saved only when the user confirms them outside the page', async () => {
    const { h, saveFolder, savedOptions } = await page();
    const exposed = {
      LocalForward: '0.0.0.0:8080 localhost:80',
      DynamicForward: ':1080',
      RemoteForward: '9000 /run/user/1000/gnupg/S.gpg-agent',
    };
    expect(await saveFolder({ extraOptions: exposed })).toMatchObject({
      ok: false,
      error: { code: 'NOT_CONFIRMED' },
    });
    expect(savedOptions()).toBeUndefined();
    const question = h.confirmation.asked[0];
    expect(question?.items.join('\n')).toContain('LocalForward 0.0.0.0:8080 localhost:80');
    expect(question?.items.join('\n')).toContain('DynamicForward :1080 (listens on every interface');
    expect(question?.items.join('\n')).toContain('every user of the remote host can reach the local socket');

    h.confirmation.answer = true;
    expect(await saveFolder({ extraOptions: exposed })).toMatchObject({ ok: true });
    expect(savedOptions()).toEqual(exposed);
    // Already confirmed: saving the folder again (a rename, a note) asks nothing.
    h.confirmation.answer = false;
    expect(await saveFolder({ extraOptions: exposed, user: 'ops' })).toMatchObject({ ok: true });
    expect(h.confirmation.asked).toHaveLength(2);
  });

  it('loopback forwards need no confirmation', async () => {
    const { h, saveFolder, savedOptions } = await page();
    const local = {
      LocalForward: '8080 localhost:80',
      DynamicForward: '127.0.0.1:1080',
      RemoteForward: '[::1]:9000 localhost:22',
    };
    expect(await saveFolder({ extraOptions: local })).toMatchObject({ ok: true });
    expect(savedOptions()).toEqual(local);
    expect(h.confirmation.asked).toEqual([]);
  });

  it('in an imported tree are confirmed too, and agent or X11 forwarding is pointed out', async () => {
    const { h, connection } = await page();
    const risky = await connection.invoke('tree:import', {
      mode: 'merge',
      document: document({ LocalForward: '0.0.0.0:5432 db:5432' }),
    });
    expect(risky).toMatchObject({ ok: false, error: { code: 'NOT_CONFIRMED' } });
    expect(h.store.read().tree.folders.map((f) => f.name)).toEqual(['prod']);

    const imported = await connection.invoke('tree:import', {
      mode: 'merge',
      document: document({ ForwardAgent: 'yes', ForwardX11: 'yes', ForwardX11Trusted: 'yes' }),
    });
    expect(imported).toMatchObject({ ok: true });
    const warnings = (imported as { result: { warnings: string[] } }).result.warnings;
    expect(warnings).toEqual([
      expect.stringMatching(
        /^folder "shared": ForwardAgent yes: root on the remote host can use your ssh keys/,
      ),
      expect.stringMatching(/^folder "shared": ForwardX11 yes/),
      expect.stringMatching(/^folder "shared": ForwardX11Trusted yes: .*full access to your display/),
    ]);
  });
});
