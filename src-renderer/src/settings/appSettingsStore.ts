import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppSettings, AppSettingsPatch } from '../../../src-preload/api';
import type { MuxdeckClient } from '../bridge/client';
import { errorMessage } from '../app/errorMessage';

export interface AppSettingsState {
  /** null until the main process answered. */
  settings: AppSettings | null;
  /** Why the last change was refused or not saved. */
  error: string | null;
  /** Settings as the main process has them (at start, or changed in another window). */
  loaded: (settings: AppSettings) => void;
  /**
   * Shows the change at once and sends it; the main process validates and saves it. A refused change is
   * taken back and its reason kept in `error`.
   */
  update: (patch: AppSettingsPatch) => Promise<void>;
}

export type AppSettingsStore = StoreApi<AppSettingsState>;

export function createAppSettingsStore(client: MuxdeckClient): AppSettingsStore {
  // While changes are on their way, an answer or event describes an older state than the one shown.
  let inFlight = 0;
  return createStore<AppSettingsState>()((set, get) => ({
    settings: null,
    error: null,
    loaded: (settings) => {
      if (inFlight === 0) set({ settings });
    },
    update: async (patch) => {
      const shown = get().settings;
      if (shown) set({ settings: { ...shown, ...patch } });
      inFlight += 1;
      try {
        const saved = await client.invoke('settings:update', { patch });
        inFlight -= 1;
        if (inFlight === 0) set({ settings: saved, error: null });
      } catch (error) {
        inFlight -= 1;
        set({ error: errorMessage(error) });
        const current = await client.invoke('settings:get', {}).catch(() => undefined);
        if (current && inFlight === 0) set({ settings: current });
      }
    },
  }));
}
