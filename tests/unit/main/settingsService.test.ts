import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_SETTINGS } from '../../../src-preload/api';
import { SettingsService } from '../../../src-main/settings/settingsService';
import { testTempDir } from '../../helpers/testTempDir';
import { openStore, readStoreFile, writeStoreFile } from '../store/storeFixtures';

const freshHome = () => testTempDir('mx-settings-');

describe('app settings', () => {
  it('starts from the defaults: 3 reconnect attempts, closed panes close, 50 MB logs', async () => {
    const settings = new SettingsService(await openStore(await freshHome()));
    expect(settings.get()).toEqual(DEFAULT_APP_SETTINGS);
    expect(settings.get()).toMatchObject({ reconnectAttempts: 3, keepClosedPanes: false, logSizeCapMb: 50 });
  });

  it('applies a patch, keeps what it leaves out, tells listeners and survives a restart', async () => {
    const home = await freshHome();
    const settings = new SettingsService(await openStore(home));
    const seen: number[] = [];
    settings.onDidChange((s) => seen.push(s.reconnectAttempts));
    await settings.update({ reconnectAttempts: 5, terminal: { fontSize: 16, theme: 'light' } });
    await settings.update({ keepClosedPanes: true });
    expect(seen).toEqual([5, 5]);

    const reopened = new SettingsService(await openStore(home));
    expect(reopened.get()).toEqual({
      ...DEFAULT_APP_SETTINGS,
      reconnectAttempts: 5,
      keepClosedPanes: true,
      terminal: { fontSize: 16, theme: 'light' },
    });
    expect(JSON.parse(await readStoreFile(home)).settings.reconnectAttempts).toBe(5);
  });

  it('reads a store written before these settings existed as their defaults, losing nothing else', async () => {
    const home = await freshHome();
    const before = {
      version: 2,
      tree: { folders: [], manualHosts: [], hosts: {}, favourites: ['ssh-config:db'], recent: [], known: {} },
      settings: { recentLimit: 7 },
      sources: [],
      layout: { expanded: {} },
    };
    await writeStoreFile(home, JSON.stringify(before));
    const store = await openStore(home);
    expect(store.notices()).toEqual([]);
    expect(new SettingsService(store).get()).toEqual({ ...DEFAULT_APP_SETTINGS, recentLimit: 7 });
    expect(store.read().tree.favourites).toEqual(['ssh-config:db']);
  });
});
