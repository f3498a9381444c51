import { describe, expect, it } from 'vitest';
import { memorySettings } from '../../../src-renderer/src/terminal/settingsStorage';
import {
  applyZoom,
  DEFAULT_TERMINAL_SETTINGS,
  effectiveFontSize,
  FONT_SIZE_LIMITS,
  normalizeTerminalSettings,
  resolveThemeName,
  type TerminalSettings,
} from '../../../src-renderer/src/terminal/terminalSettings.logic';
import {
  createTerminalSettingsStore,
  themeNameOf,
} from '../../../src-renderer/src/terminal/terminalSettingsStore';

const at = (fontSize: number, zoom = 0): TerminalSettings => ({
  ...DEFAULT_TERMINAL_SETTINGS,
  fontSize,
  zoom,
});

describe('zoom', () => {
  it('steps one pixel at a time and resets to the chosen size', () => {
    let settings = at(13);
    settings = applyZoom(settings, 1);
    settings = applyZoom(settings, 1);
    expect(effectiveFontSize(settings)).toBe(15);
    settings = applyZoom(settings, -1);
    expect(effectiveFontSize(settings)).toBe(14);
    settings = applyZoom(settings, 'reset');
    expect(effectiveFontSize(settings)).toBe(13);
    expect(settings.zoom).toBe(0);
  });

  it('stops at the limits, and one step back from a limit moves at once', () => {
    let settings = at(FONT_SIZE_LIMITS.max - 1);
    for (let i = 0; i < 10; i++) settings = applyZoom(settings, 1);
    expect(effectiveFontSize(settings)).toBe(FONT_SIZE_LIMITS.max);
    expect(applyZoom(settings, 1)).toBe(settings);
    expect(effectiveFontSize(applyZoom(settings, -1))).toBe(FONT_SIZE_LIMITS.max - 1);

    settings = at(FONT_SIZE_LIMITS.min + 1);
    for (let i = 0; i < 10; i++) settings = applyZoom(settings, -1);
    expect(effectiveFontSize(settings)).toBe(FONT_SIZE_LIMITS.min);
    expect(effectiveFontSize(applyZoom(settings, 1))).toBe(FONT_SIZE_LIMITS.min + 1);
  });

  it('returns the same object when nothing changes, so nothing re-renders', () => {
    const settings = at(13);
    expect(applyZoom(settings, 'reset')).toBe(settings);
  });
});

describe('normalizeTerminalSettings', () => {
  it('keeps valid stored settings', () => {
    const stored = { fontFamily: 'Fira Code', fontSize: 15, zoom: 2, theme: 'light', copyOnSelect: false };
    expect(normalizeTerminalSettings(stored)).toEqual(stored);
  });

  it('replaces what is missing or wrong with defaults', () => {
    expect(normalizeTerminalSettings(undefined)).toEqual(DEFAULT_TERMINAL_SETTINGS);
    expect(normalizeTerminalSettings('garbage')).toEqual(DEFAULT_TERMINAL_SETTINGS);
    const broken = normalizeTerminalSettings({
      fontFamily: 'x; } body { display: none',
      fontSize: 'big',
      theme: 'purple',
      copyOnSelect: 'yes',
    });
    expect(broken).toEqual(DEFAULT_TERMINAL_SETTINGS);
  });

  it('clamps sizes and a zoom that would leave the limits', () => {
    expect(normalizeTerminalSettings({ fontSize: 400 }).fontSize).toBe(FONT_SIZE_LIMITS.max);
    expect(effectiveFontSize(normalizeTerminalSettings({ fontSize: 13, zoom: -100 }))).toBe(
      FONT_SIZE_LIMITS.min,
    );
  });
});

describe('theme', () => {
  it('follows the OS unless fixed', () => {
    expect(resolveThemeName('system', true)).toBe('dark');
    expect(resolveThemeName('system', false)).toBe('light');
    expect(resolveThemeName('dark', false)).toBe('dark');
    expect(resolveThemeName('light', true)).toBe('light');
  });
});

describe('terminal settings store', () => {
  it('loads, changes and saves through its storage adapter', () => {
    const storage = memorySettings({ fontSize: 16 });
    const store = createTerminalSettingsStore(storage, true);
    expect(store.getState().settings.fontSize).toBe(16);
    store.getState().zoom(1);
    store.getState().update({ theme: 'light' });
    expect(storage.load()).toMatchObject({ fontSize: 16, zoom: 1, theme: 'light' });
    expect(effectiveFontSize(createTerminalSettingsStore(storage, true).getState().settings)).toBe(17);
  });

  it('follows the OS theme as it changes, without saving it as a setting', () => {
    const storage = memorySettings();
    const store = createTerminalSettingsStore(storage, false);
    expect(themeNameOf(store.getState())).toBe('light');
    store.getState().setOsPrefersDark(true);
    expect(themeNameOf(store.getState())).toBe('dark');
    expect(storage.load()).toBeUndefined();
  });

  it('does not write when a zoom at the limit changes nothing', () => {
    const writes: unknown[] = [];
    const store = createTerminalSettingsStore(
      { load: () => ({ fontSize: FONT_SIZE_LIMITS.max }), save: (value) => writes.push(value) },
      true,
    );
    store.getState().zoom(1);
    expect(writes).toEqual([]);
  });
});
