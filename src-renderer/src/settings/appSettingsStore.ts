import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppSettings, AppSettingsPatch } from '../../../src-preload/api';
import type { MuxdeckClient } from '../bridge/client';
import { errorMessage } from '../app/errorMessage';

export interface AppSettingsState {
  /** null until the main process answered. */
  settings: AppSettings | null;
  /** Why the last change was refused or not saved. */
  error: string | null;
  loaded: (settings: AppSettings) => void;
  /** Sends a change; the main process validates and saves it, and answers the settings now in force. */
  update: (patch: AppSettingsPatch) => Promise<void>;
}

export type AppSettingsStore = StoreApi<AppSettingsState>;

export function createAppSettingsStore(client: MuxdeckClient): AppSettingsStore {
  return createStore<AppSettingsState>()((set) => ({
    settings: null,
    error: null,
    loaded: (settings) => set({ settings }),
    update: async (patch) => {
      try {
        set({ settings: await client.invoke('settings:update', { patch }), error: null });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
  }));
}
