import { describe, expect, it } from 'vitest';
import { matchShortcut, type KeyChord } from '../../../src-renderer/src/app/shortcuts.logic';

const chord = (key: string, mods: Partial<Omit<KeyChord, 'key'>> = {}): KeyChord => ({
  key,
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});
const linux = { inTerminal: false, isMac: false };
const linuxTerminal = { inTerminal: true, isMac: false };

describe('application shortcuts', () => {
  it('Ctrl+Shift+W closes the tab, from a terminal too', () => {
    expect(matchShortcut(chord('W', { ctrlKey: true, shiftKey: true }), linuxTerminal)).toBe('closeTab');
    expect(
      matchShortcut(chord('w', { metaKey: true, shiftKey: true }), { inTerminal: true, isMac: true }),
    ).toBe('closeTab');
  });

  it('Ctrl+Tab and Ctrl+Shift+Tab cycle tabs', () => {
    expect(matchShortcut(chord('Tab', { ctrlKey: true }), linuxTerminal)).toBe('nextTab');
    expect(matchShortcut(chord('Tab', { ctrlKey: true, shiftKey: true }), linuxTerminal)).toBe('previousTab');
  });

  it('Ctrl+F focuses search outside a terminal and stays with the shell inside one', () => {
    expect(matchShortcut(chord('f', { ctrlKey: true }), linux)).toBe('focusSearch');
    expect(matchShortcut(chord('f', { ctrlKey: true }), linuxTerminal)).toBeNull();
  });

  it('Ctrl+B hides the sidebar outside a terminal and stays with tmux and readline inside one', () => {
    expect(matchShortcut(chord('b', { ctrlKey: true }), linux)).toBe('toggleSidebar');
    expect(matchShortcut(chord('b', { metaKey: true }), { inTerminal: false, isMac: true })).toBe(
      'toggleSidebar',
    );
    expect(matchShortcut(chord('b', { ctrlKey: true }), linuxTerminal)).toBeNull();
    expect(matchShortcut(chord('B', { ctrlKey: true, shiftKey: true }), linux)).toBe('toggleBroadcast');
  });

  it('leaves every other chord to its target', () => {
    for (const key of ['w', 'c', 'd', 'Tab', 'l']) {
      expect(matchShortcut(chord(key, { ctrlKey: true }), linuxTerminal)).toBe(
        key === 'Tab' ? 'nextTab' : null,
      );
    }
    expect(matchShortcut(chord('W', { ctrlKey: true, shiftKey: true, altKey: true }), linux)).toBeNull();
    expect(matchShortcut(chord('/'), linux)).toBeNull();
  });
});
