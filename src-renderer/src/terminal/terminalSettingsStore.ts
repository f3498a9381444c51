import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SettingsStorage } from './settingsStorage';
import {
  applyZoom,
  normalizeTerminalSettings,
  resolveThemeName,
  type TerminalSettings,
  type TerminalThemeName,
  type ZoomStep,
} from './terminalSettings.logic';

export interface TerminalAppearanceState {
  settings: TerminalSettings;
  /** The OS's prefers-color-scheme, followed when the theme setting is "system". */
  osPrefersDark: boolean;
}

export interface TerminalAppearanceActions {
  /** Changes some settings; the result is normalized (limits, fallbacks) and persisted. */
  update: (patch: Partial<TerminalSettings>) => void;
  zoom: (step: ZoomStep) => void;
  setOsPrefersDark: (dark: boolean) => void;
  /** Takes settings saved elsewhere (loaded at start, or changed in another window) without saving them again. */
  replace: (raw: unknown) => void;
}

export type TerminalSettingsStore = StoreApi<TerminalAppearanceState & TerminalAppearanceActions>;

function sameSettings(a: TerminalSettings, b: TerminalSettings): boolean {
  return (Object.keys(a) as Array<keyof TerminalSettings>).every((key) => a[key] === b[key]);
}

export function themeNameOf(state: TerminalAppearanceState): TerminalThemeName {
  return resolveThemeName(state.settings.theme, state.osPrefersDark);
}

/** The terminal settings every pane shares: a change (a zoom, a theme) applies to all terminals at once. */
export function createTerminalSettingsStore(
  storage: SettingsStorage,
  osPrefersDark: boolean,
): TerminalSettingsStore {
  const store = createStore<TerminalAppearanceState & TerminalAppearanceActions>()((set, get) => {
    const commit = (settings: TerminalSettings): void => {
      if (settings === get().settings) return;
      set({ settings });
      storage.save(settings);
    };
    return {
      settings: normalizeTerminalSettings(storage.load()),
      osPrefersDark,
      update: (patch) => commit(normalizeTerminalSettings({ ...get().settings, ...patch })),
      zoom: (step) => commit(applyZoom(get().settings, step)),
      setOsPrefersDark: (dark) => set({ osPrefersDark: dark }),
      replace: (raw) => {
        const settings = normalizeTerminalSettings(raw);
        if (!sameSettings(settings, get().settings)) set({ settings });
      },
    };
  });
  return store;
}
