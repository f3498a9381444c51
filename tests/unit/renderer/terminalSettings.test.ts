import { describe, expect, it } from 'vitest';
import { TerminalPreferences } from '../../../src-preload/api';
import { memorySettings } from '../../../src-renderer/src/terminal/settingsStorage';
import {
  applyZoom,
  DEFAULT_TERMINAL_SETTINGS,
  effectiveFontSize,
  FONT_SIZE_LIMITS,
  normalizeTerminalSettings,
  parseScrollbackInput,
  resolveThemeName,
  SCROLLBACK_LIMITS,
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
    const stored = {
      fontFamily: 'Fira Code',
      fontSize: 15,
      zoom: 2,
      theme: 'light',
      copyOnSelect: false,
      scrollback: 50_000,
    };
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

describe('scrollback', () => {
  it('is 10,000 lines unless set, and a stored value outside the limits is brought inside them', () => {
    expect(DEFAULT_TERMINAL_SETTINGS.scrollback).toBe(10_000);
    expect(normalizeTerminalSettings({}).scrollback).toBe(10_000);
    expect(normalizeTerminalSettings({ scrollback: 'lots' }).scrollback).toBe(10_000);
    expect(normalizeTerminalSettings({ scrollback: 10 }).scrollback).toBe(SCROLLBACK_LIMITS.min);
    expect(normalizeTerminalSettings({ scrollback: 5_000_000 }).scrollback).toBe(SCROLLBACK_LIMITS.max);
    expect(normalizeTerminalSettings({ scrollback: 12_345.6 }).scrollback).toBe(12_346);
  });

  it('takes a typed value only once it is a whole number of lines within the limits', () => {
    expect(parseScrollbackInput('20000')).toBe(20_000);
    expect(parseScrollbackInput(' 1,000 ')).toBe(1_000);
    expect(parseScrollbackInput('100000')).toBe(100_000);
    // On the way to 20000: not clamped up to 1000, just not a setting yet.
    expect(parseScrollbackInput('2')).toBeNull();
    expect(parseScrollbackInput('100001')).toBeNull();
    expect(parseScrollbackInput('')).toBeNull();
    expect(parseScrollbackInput('1e4')).toBeNull();
    expect(parseScrollbackInput('-5000')).toBeNull();
    expect(parseScrollbackInput('2500.5')).toBeNull();
  });

  it('has the same limits in the contract, which the store and other windows go by', () => {
    expect(TerminalPreferences.safeParse({ scrollback: SCROLLBACK_LIMITS.min }).success).toBe(true);
    expect(TerminalPreferences.safeParse({ scrollback: SCROLLBACK_LIMITS.max }).success).toBe(true);
    expect(TerminalPreferences.safeParse({ scrollback: SCROLLBACK_LIMITS.min - 1 }).success).toBe(false);
    expect(TerminalPreferences.safeParse({ scrollback: SCROLLBACK_LIMITS.max + 1 }).success).toBe(false);
    expect(TerminalPreferences.safeParse({ scrollback: 1500.5 }).success).toBe(false);
    // Every normalized setting is one the contract accepts: saving it never fails validation.
    expect(TerminalPreferences.safeParse(normalizeTerminalSettings({ scrollback: 7 })).success).toBe(true);
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
