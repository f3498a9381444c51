import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_SETTINGS, type AppSettings } from '../../../src-preload/api';
import { createMuxdeckClient } from '../../../src-renderer/src/bridge/client';
import { createAppSettingsStore } from '../../../src-renderer/src/settings/appSettingsStore';
import { contractTerminalStorage } from '../../../src-renderer/src/settings/contractTerminalStorage';
import { startSettings } from '../../../src-renderer/src/settings/startSettings';
import { memorySettings } from '../../../src-renderer/src/terminal/settingsStorage';
import { createTerminalSettingsStore } from '../../../src-renderer/src/terminal/terminalSettingsStore';
import { FakeTransport } from './fakeTransport';

/** A main process that keeps settings in memory and answers like the real one (patch, then all settings). */
function world(initial: AppSettings = DEFAULT_APP_SETTINGS) {
  const transport = new FakeTransport();
  let saved = structuredClone(initial);
  transport.answer('settings:get', () => ({ ok: true, result: saved }));
  transport.answer('settings:update', (payload) => {
    saved = { ...saved, ...(payload as { patch: Partial<AppSettings> }).patch };
    return { ok: true, result: saved };
  });
  const client = createMuxdeckClient(transport);
  const notices: string[] = [];
  const terminalStorage = contractTerminalStorage(client, (m) => notices.push(m));
  const terminal = createTerminalSettingsStore(terminalStorage, false);
  const settings = createAppSettingsStore(client);
  return { transport, client, terminalStorage, terminal, settings, notices, saved: () => saved };
}

describe('app settings in the renderer', () => {
  it("loads the store's terminal settings into every terminal, and saves a zoom back to the store", async () => {
    const w = world({ ...DEFAULT_APP_SETTINGS, terminal: { fontSize: 16, theme: 'light' } });
    expect(w.terminal.getState().settings.fontSize).toBe(13);
    await startSettings({ ...w, notify: (m) => w.notices.push(m) });
    expect(w.terminal.getState().settings).toMatchObject({ fontSize: 16, theme: 'light' });
    expect(w.settings.getState().settings?.reconnectAttempts).toBe(3);

    w.terminal.getState().zoom(1);
    await expect.poll(() => w.saved().terminal).toMatchObject({ fontSize: 16, zoom: 1 });
    expect(w.notices).toEqual([]);
  });

  it('moves terminal settings an older Muxdeck kept in the page into the store, once', async () => {
    const w = world();
    await startSettings({
      ...w,
      legacyTerminalStorage: memorySettings({ fontSize: 18, copyOnSelect: false }),
      notify: (m) => w.notices.push(m),
    });
    expect(w.terminal.getState().settings).toMatchObject({ fontSize: 18, copyOnSelect: false });
    await expect.poll(() => w.saved().terminal).toMatchObject({ fontSize: 18, copyOnSelect: false });
  });

  it('follows a change made in another window, but not an echo older than what the user sees', async () => {
    const w = world();
    await startSettings({ ...w, notify: (m) => w.notices.push(m) });
    w.transport.emit({
      event: 'settings:changed',
      payload: { ...DEFAULT_APP_SETTINGS, reconnectAttempts: 7, terminal: { fontSize: 20 } },
    });
    expect(w.settings.getState().settings?.reconnectAttempts).toBe(7);
    expect(w.terminal.getState().settings.fontSize).toBe(20);

    // A zoom is being saved: an event carrying the size before it must not undo it on screen.
    w.terminal.getState().zoom(1);
    expect(w.terminalStorage.saving()).toBe(true);
    w.transport.emit({
      event: 'settings:changed',
      payload: { ...DEFAULT_APP_SETTINGS, terminal: { fontSize: 20 } },
    });
    expect(w.terminal.getState().settings.zoom).toBe(1);
  });

  it('keeps the settings as they were and says why when the main process refuses a change', async () => {
    const w = world();
    await startSettings({ ...w, notify: (m) => w.notices.push(m) });
    w.transport.answer('settings:update', {
      ok: false,
      error: { code: 'INVALID_PAYLOAD', message: 'patch.logSizeCapMb: from 1 to 10240 MB' },
    });
    await w.settings.getState().update({ logSizeCapMb: 0 });
    expect(w.settings.getState().error).toMatch(/from 1 to 10240 MB/);
    expect(w.settings.getState().settings?.logSizeCapMb).toBe(50);
  });

  it('shows a change at once, and an older event arriving meanwhile does not undo it', async () => {
    const w = world();
    await startSettings({ ...w, notify: (m) => w.notices.push(m) });
    let release: () => void = () => {};
    w.transport.answer(
      'settings:update',
      (payload) =>
        new Promise((resolve) => {
          release = () =>
            resolve({
              ok: true,
              result: { ...DEFAULT_APP_SETTINGS, ...(payload as { patch: Partial<AppSettings> }).patch },
            });
        }),
    );
    const saving = w.settings.getState().update({ keepClosedPanes: true });
    expect(w.settings.getState().settings?.keepClosedPanes).toBe(true);
    w.transport.emit({ event: 'settings:changed', payload: DEFAULT_APP_SETTINGS });
    expect(w.settings.getState().settings?.keepClosedPanes).toBe(true);
    release();
    await saving;
    expect(w.settings.getState().settings?.keepClosedPanes).toBe(true);
  });
});
