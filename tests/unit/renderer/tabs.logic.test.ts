import { describe, expect, it } from 'vitest';
import {
  activateTab,
  closeTab,
  cycleTab,
  initialTabsState,
  openTab,
  reconcileTabs,
} from '../../../src-renderer/src/stores/tabs.logic';
import { session } from './fixtures';

describe('tabs', () => {
  it('opens a new tab at the end and activates it; reopening only activates', () => {
    const one = openTab(initialTabsState, 'a');
    const two = openTab(one, 'b');
    expect(two).toEqual({ order: ['a', 'b'], activeId: 'b' });
    expect(openTab(two, 'a')).toEqual({ order: ['a', 'b'], activeId: 'a' });
  });

  it('ignores activating a tab that does not exist', () => {
    const tabs = { order: ['a'], activeId: 'a' };
    expect(activateTab(tabs, 'zzz')).toBe(tabs);
  });

  it('closing the active tab activates its right neighbour, or the left one at the end', () => {
    const tabs = { order: ['a', 'b', 'c'], activeId: 'b' };
    expect(closeTab(tabs, 'b')).toEqual({ order: ['a', 'c'], activeId: 'c' });
    expect(closeTab({ ...tabs, activeId: 'c' }, 'c')).toEqual({ order: ['a', 'b'], activeId: 'b' });
    expect(closeTab({ order: ['a'], activeId: 'a' }, 'a')).toEqual({ order: [], activeId: null });
  });

  it('closing an inactive tab keeps the active one', () => {
    expect(closeTab({ order: ['a', 'b', 'c'], activeId: 'c' }, 'a')).toEqual({
      order: ['b', 'c'],
      activeId: 'c',
    });
  });

  it('cycles forward and backward with wrap-around', () => {
    const tabs = { order: ['a', 'b', 'c'], activeId: 'c' };
    expect(cycleTab(tabs, 1).activeId).toBe('a');
    expect(cycleTab(tabs, -1).activeId).toBe('b');
    expect(cycleTab({ ...tabs, activeId: 'a' }, -1).activeId).toBe('c');
    expect(cycleTab(initialTabsState, 1)).toBe(initialTabsState);
  });

  it('restores a tab for every existing session, oldest first, and activates the first', () => {
    const sessions = [session('late', { createdAt: 30 }), session('early', { createdAt: 10 })];
    expect(reconcileTabs(initialTabsState, sessions)).toEqual({
      order: ['early', 'late'],
      activeId: 'early',
    });
  });

  it('keeps the user order and active tab, appends new sessions and drops vanished ones', () => {
    const tabs = { order: ['b', 'a', 'gone'], activeId: 'a' };
    const next = reconcileTabs(tabs, [session('a'), session('b'), session('new', { createdAt: 5_000 })]);
    expect(next).toEqual({ order: ['b', 'a', 'new'], activeId: 'a' });
  });

  it('moves the active tab to a neighbour when its session vanishes', () => {
    const next = reconcileTabs({ order: ['a', 'b', 'c'], activeId: 'b' }, [session('a'), session('c')]);
    expect(next).toEqual({ order: ['a', 'c'], activeId: 'c' });
  });
});
