import { describe, expect, it } from 'vitest';
import {
  moveMenuFocus,
  placeMenu,
  terminalMenuItems,
} from '../../../src-renderer/src/terminal/contextMenu.logic';
import { matchCountText } from '../../../src-renderer/src/terminal/findBar.logic';
import { isOpenableLink } from '../../../src-renderer/src/terminal/linkPolicy.logic';

describe('terminal context menu', () => {
  it('lists copy, paste, select all, find and clear scrollback, with Copy off without a selection', () => {
    const items = terminalMenuItems({ hasSelection: false, canReconnect: false, isMac: false });
    expect(items.map((item) => item.label)).toEqual([
      'Copy',
      'Paste',
      'Select all',
      'Find…',
      'Clear scrollback',
      'Zoom in',
      'Zoom out',
      'Reset zoom',
      'Terminal settings…',
    ]);
    expect(items[0]).toMatchObject({ action: 'copy', disabled: true, shortcut: 'Ctrl+Shift+C' });
  });

  it('offers Reconnect first when the session is down', () => {
    const items = terminalMenuItems({ hasSelection: true, canReconnect: true, isMac: true });
    expect(items[0]).toMatchObject({ action: 'reconnect', label: 'Reconnect' });
    expect(items[1]).toMatchObject({ action: 'copy', disabled: false, shortcut: '⌘C' });
  });

  it('moves focus over disabled items and wraps around', () => {
    const items = terminalMenuItems({ hasSelection: false, canReconnect: false, isMac: false });
    expect(moveMenuFocus(items, -1, 1)).toBe(1);
    expect(moveMenuFocus(items, 1, -1)).toBe(items.length - 1);
    expect(moveMenuFocus(items, items.length - 1, 1)).toBe(1);
  });

  it('stays inside the viewport', () => {
    const viewport = { width: 1000, height: 800 };
    const menu = { width: 200, height: 300 };
    expect(placeMenu({ x: 100, y: 100 }, menu, viewport)).toEqual({ left: 100, top: 100 });
    expect(placeMenu({ x: 950, y: 700 }, menu, viewport)).toEqual({ left: 750, top: 496 });
  });
});

describe('find bar count', () => {
  it('reads as the user expects', () => {
    expect(matchCountText('', null, 1000)).toBe('');
    expect(matchCountText('x', { index: -1, count: 0 }, 1000)).toBe('No matches');
    expect(matchCountText('x', { index: 2, count: 12 }, 1000)).toBe('3 of 12');
    expect(matchCountText('x', { index: -1, count: 1000 }, 1000)).toBe('1000+ matches');
  });
});

describe('links', () => {
  it('opens http and https only', () => {
    expect(isOpenableLink('https://example.com/a?b=c')).toBe(true);
    expect(isOpenableLink('http://10.0.0.1:8080/')).toBe(true);
    expect(isOpenableLink('file:///etc/passwd')).toBe(false);
    expect(isOpenableLink('javascript:alert(1)')).toBe(false);
    expect(isOpenableLink('ssh://host')).toBe(false);
    expect(isOpenableLink('not a url')).toBe(false);
  });
});
