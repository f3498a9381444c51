import { describe, expect, it } from 'vitest';
import { terminalMenuItems } from '../../../src-renderer/src/terminal/contextMenu.logic';
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
    expect(items[0]).toMatchObject({ id: 'copy', disabled: true, shortcut: 'Ctrl+Shift+C' });
  });

  it('offers Reconnect first when the session is down', () => {
    const items = terminalMenuItems({ hasSelection: true, canReconnect: true, isMac: true });
    expect(items[0]).toMatchObject({ id: 'reconnect', label: 'Reconnect' });
    expect(items[1]).toMatchObject({ id: 'copy', disabled: false, shortcut: '⌘C' });
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
