import { describe, expect, it } from 'vitest';
import { SIDEBAR_WIDTH_LIMITS } from '../../../src-preload/api';
import {
  clampSidebarWidth,
  maxSidebarWidth,
  MIN_WORKSPACE_WIDTH,
  splitterKeyAction,
} from '../../../src-renderer/src/components/Sidebar/sidebarWidth.logic';
import { memorySettings } from '../../../src-renderer/src/terminal/settingsStorage';
import { createTerminalSettingsStore } from '../../../src-renderer/src/terminal/terminalSettingsStore';
import { followWindowTheme } from '../../../src-renderer/src/theme/windowTheme';

/** The two things windowTheme.ts touches on the root element. */
function fakeRoot() {
  return { dataset: {} as Record<string, string>, style: { colorScheme: '' } };
}

describe('one theme for the whole window', () => {
  it('follows the Theme setting, and the OS when it says System', () => {
    const settings = createTerminalSettingsStore(memorySettings(), false);
    const root = fakeRoot();
    const stop = followWindowTheme(root as unknown as HTMLElement, settings);
    expect(root.dataset.theme).toBe('light');
    settings.getState().update({ theme: 'dark' });
    expect(root.dataset.theme).toBe('dark');
    expect(root.style.colorScheme).toBe('dark');
    settings.getState().update({ theme: 'system' });
    expect(root.dataset.theme).toBe('light');
    settings.getState().setOsPrefersDark(true);
    expect(root.dataset.theme).toBe('dark');
    stop();
    settings.getState().update({ theme: 'light' });
    expect(root.dataset.theme).toBe('dark');
  });
});

describe('sidebar width', () => {
  const wide = 1600;

  it('stays within the limits and leaves the terminals their room', () => {
    expect(clampSidebarWidth(10, wide)).toBe(SIDEBAR_WIDTH_LIMITS.min);
    expect(clampSidebarWidth(5000, wide)).toBe(SIDEBAR_WIDTH_LIMITS.max);
    expect(clampSidebarWidth(300.6, wide)).toBe(301);
    expect(clampSidebarWidth(Number.NaN, wide)).toBe(SIDEBAR_WIDTH_LIMITS.min);
    expect(maxSidebarWidth(800)).toBe(800 - MIN_WORKSPACE_WIDTH);
    // A window too narrow for both still gets a usable sidebar.
    expect(maxSidebarWidth(300)).toBe(SIDEBAR_WIDTH_LIMITS.min);
  });

  it('moves with the arrow keys, Home and End, and Enter hides it', () => {
    expect(splitterKeyAction({ key: 'ArrowRight', shiftKey: false }, 264, wide)).toEqual({ width: 280 });
    expect(splitterKeyAction({ key: 'ArrowLeft', shiftKey: true }, 264, wide)).toEqual({ width: 200 });
    expect(splitterKeyAction({ key: 'ArrowLeft', shiftKey: true }, 190, wide)).toEqual({
      width: SIDEBAR_WIDTH_LIMITS.min,
    });
    expect(splitterKeyAction({ key: 'Home', shiftKey: false }, 400, wide)).toEqual({
      width: SIDEBAR_WIDTH_LIMITS.min,
    });
    expect(splitterKeyAction({ key: 'End', shiftKey: false }, 400, 900)).toEqual({ width: 580 });
    expect(splitterKeyAction({ key: 'Enter', shiftKey: false }, 400, wide)).toBe('hide');
    expect(splitterKeyAction({ key: 'a', shiftKey: false }, 400, wide)).toBeNull();
  });
});
