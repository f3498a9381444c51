import { describe, expect, it } from 'vitest';
import { gridLayout, pane, panesOf } from '../../../../src-renderer/src/stores/workspace/layout.logic';
import {
  activateIndex,
  addTab,
  createGroup,
  cycleTab,
  emptyWorkspace,
  focusedSession,
  groupSessions,
  mergeTab,
  moveFocus,
  moveTab,
  openAsGroup,
  popOut,
  reconcileWorkspace,
  removeSession,
  renameTab,
  showSession,
  splitWith,
  toggleMaximize,
  ungroup,
  updateGroup,
  visibleTabs,
  type Workspace,
} from '../../../../src-renderer/src/stores/workspace/workspace.logic';

/** Tabs as "id:panes" strings, the easiest way to read a whole workspace in an assertion. */
const view = (ws: Workspace) =>
  ws.tabs.map((tab) => `${tab.id}${tab.groupId ? `@${tab.groupId}` : ''}:${panesOf(tab.root).join(',')}`);

function three(): Workspace {
  let ws = emptyWorkspace;
  for (const id of ['a', 'b', 'c']) ws = showSession(ws, id, `t${id}`);
  return ws;
}

describe('tabs', () => {
  it('opens a tab per session and shows an existing one instead of opening it twice', () => {
    const ws = three();
    expect(view(ws)).toEqual(['ta:a', 'tb:b', 'tc:c']);
    expect(ws.activeTabId).toBe('tc');
    expect(showSession(ws, 'a', 'other').activeTabId).toBe('ta');
    expect(view(showSession(ws, 'a', 'other'))).toHaveLength(3);
  });

  it('cycles with wrap-around and picks tab N, 9 being the last', () => {
    const ws = three();
    expect(cycleTab(ws, 1).activeTabId).toBe('ta');
    expect(cycleTab(ws, -1).activeTabId).toBe('tb');
    expect(activateIndex(ws, 1).activeTabId).toBe('ta');
    expect(activateIndex(ws, 9).activeTabId).toBe('tc');
    expect(activateIndex(ws, 5)).toBe(ws);
  });

  it('reorders by drag, and renames (empty name = back to the host name)', () => {
    const ws = three();
    expect(view(moveTab(ws, 'tc', 'ta'))).toEqual(['tc:c', 'ta:a', 'tb:b']);
    expect(view(moveTab(ws, 'ta', null))).toEqual(['tb:b', 'tc:c', 'ta:a']);
    const renamed = renameTab(ws, 'ta', '  prod db  ');
    expect(renamed.tabs[0]?.title).toBe('prod db');
    expect(renameTab(renamed, 'ta', ' ').tabs[0]?.title).toBeUndefined();
  });

  it('closing the active pane activates the right neighbour tab, as browsers do', () => {
    const ws = { ...three(), activeTabId: 'tb' };
    expect(removeSession(ws, 'b').activeTabId).toBe('tc');
    expect(removeSession(removeSession(ws, 'b'), 'c').activeTabId).toBe('ta');
    expect(removeSession(removeSession(removeSession(ws, 'a'), 'b'), 'c')).toEqual({
      ...emptyWorkspace,
      activeTabId: null,
    });
  });
});

describe('splits', () => {
  it('splits a pane, moves focus with arrows, maximises and restores', () => {
    let ws = splitWith(three(), 'a', 'b', 'row');
    expect(view(ws)).toEqual(['ta:a,b', 'tc:c']);
    expect(focusedSession(ws)).toBe('b');
    ws = moveFocus(ws, 'left');
    expect(focusedSession(ws)).toBe('a');
    expect(moveFocus(ws, 'up')).toBe(ws);
    ws = toggleMaximize(ws);
    expect(ws.tabs[0]?.maximized).toBe('a');
    // While maximised the others are hidden: focus does not wander into them.
    expect(moveFocus(ws, 'right')).toBe(ws);
    expect(toggleMaximize(ws).tabs[0]?.maximized).toBeUndefined();
  });

  it('pops a pane out into its own tab next to the old one, keeping its group', () => {
    let ws = splitWith(three(), 'a', 'b', 'row');
    ws = createGroup(ws, { id: 'g', name: 'web', tabIds: ['ta'] });
    ws = popOut(ws, 'b', 'tnew');
    expect(view(ws)).toEqual(['ta@g:a', 'tnew@g:b', 'tc:c']);
    expect(ws.activeTabId).toBe('tnew');
    expect(popOut(ws, 'c', 'x')).toBe(ws);
  });

  it('merges a dragged tab into another tab beside a pane', () => {
    const ws = mergeTab(three(), 'tc', 'a', 'column', 'before');
    expect(view(ws)).toEqual(['ta:c,a', 'tb:b']);
    expect(ws.tabs[0]?.root).toEqual({
      type: 'split',
      direction: 'column',
      children: [pane('c'), pane('a')],
      sizes: [0.5, 0.5],
    });
    expect(ws.activeTabId).toBe('ta');
    expect(mergeTab(ws, 'ta', 'a', 'row', 'after')).toBe(ws);
  });
});

describe('tab groups', () => {
  it('opens a selection as one tiled tab in a new group, or as a tab per host', () => {
    const spec = { sessionIds: ['x', 'y', 'z'], groupId: 'g', name: 'web', tabId: (i: number) => `g${i}` };
    const grid = openAsGroup(three(), { ...spec, opensAs: 'grid' });
    expect(view(grid)).toEqual(['ta:a', 'tb:b', 'tc:c', 'g0@g:x,y,z']);
    expect(grid.tabs[3]?.root).toEqual(gridLayout(['x', 'y', 'z']));
    expect(grid.groups).toEqual([{ id: 'g', name: 'web', color: 'blue', collapsed: false }]);
    const tabs = openAsGroup(three(), { ...spec, opensAs: 'tabs' });
    expect(view(tabs)).toEqual(['ta:a', 'tb:b', 'tc:c', 'g0@g:x', 'g1@g:y', 'g2@g:z']);
    expect(tabs.activeTabId).toBe('g0');
    expect(groupSessions(tabs, 'g')).toEqual(['x', 'y', 'z']);
  });

  it('keeps a group together, joins a tab dropped inside it, and gives each group its own colour', () => {
    let ws = createGroup(three(), { id: 'g', name: 'one', tabIds: ['ta', 'tc'] });
    expect(view(ws)).toEqual(['ta@g:a', 'tc@g:c', 'tb:b']);
    ws = addTab(ws, { id: 'td', root: pane('d') });
    ws = moveTab(ws, 'td', 'tc');
    expect(view(ws)).toEqual(['ta@g:a', 'td@g:d', 'tc@g:c', 'tb:b']);
    ws = createGroup(ws, { id: 'h', name: 'two', tabIds: ['tb'] });
    expect(ws.groups.map((group) => group.color)).toEqual(['blue', 'green']);
  });

  it('collapses (hiding all but the active tab), renames, recolours and ungroups', () => {
    let ws = createGroup(three(), { id: 'g', name: 'one', tabIds: ['ta', 'tb'] });
    ws = updateGroup({ ...ws, activeTabId: 'tc' }, 'g', { collapsed: true, name: ' web ', color: 'red' });
    expect(ws.groups[0]).toEqual({ id: 'g', name: 'web', color: 'red', collapsed: true });
    expect(visibleTabs(ws).map((tab) => tab.id)).toEqual(['tc']);
    expect(updateGroup(ws, 'g', { name: '   ' }).groups[0]?.name).toBe('web');
    ws = ungroup(ws, 'g');
    expect(view(ws)).toEqual(['ta:a', 'tb:b', 'tc:c']);
    expect(ws.groups).toEqual([]);
  });

  it('drops an empty group when its last tab closes', () => {
    const ws = createGroup(three(), { id: 'g', name: 'one', tabIds: ['tb'] });
    expect(removeSession(ws, 'b').groups).toEqual([]);
  });
});

describe('restoring after a restart', () => {
  const saved = (): Workspace => {
    let ws = splitWith(three(), 'a', 'b', 'row');
    ws = createGroup(ws, { id: 'g', name: 'web', tabIds: ['ta'] });
    return toggleMaximize(ws, 'b');
  };

  it('keeps the layout of sessions that still exist, unchanged', () => {
    const ws = saved();
    expect(reconcileWorkspace(ws, ['a', 'b', 'c'], { addMissing: true, newTabId: (id) => `n${id}` })).toBe(
      ws,
    );
  });

  it('drops the panes of sessions that are gone, with their tabs and groups, and adds new sessions', () => {
    const ws = reconcileWorkspace(saved(), ['a', 'c', 'd'], { addMissing: true, newTabId: (id) => `n${id}` });
    expect(view(ws)).toEqual(['ta@g:a', 'tc:c', 'nd:d']);
    expect(ws.tabs[0]?.maximized).toBeUndefined();
    expect(ws.tabs[0]?.focused).toBe('a');
    const none = reconcileWorkspace(saved(), ['c'], { addMissing: false, newTabId: (id) => id });
    expect(view(none)).toEqual(['tc:c']);
    expect(none.groups).toEqual([]);
    expect(none.activeTabId).toBe('tc');
  });

  it('ignores a session that a hand-edited file lists in two tabs', () => {
    const ws = { ...three(), tabs: [...three().tabs, { id: 'dup', root: pane('a'), focused: 'a' }] };
    expect(
      view(reconcileWorkspace(ws, ['a', 'b', 'c'], { addMissing: false, newTabId: (id) => id })),
    ).toEqual(['ta:a', 'tb:b', 'tc:c']);
  });
});
