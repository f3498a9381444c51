import {
  GROUP_COLORS,
  type GroupColor,
  type WorkspaceGroup,
  type WorkspaceLayout,
  type WorkspaceTab,
} from '../../../../src-preload/api';
import {
  gridLayout,
  insertBeside,
  neighbour,
  pane,
  panesOf,
  pruneLayout,
  removePane,
  type FocusDirection,
  type LayoutNode,
  type SplitDirection,
} from './layout.logic';

/**
 * The window's tabs, their split layouts and the tab groups: what the store's `layout.workspace`
 * persists. Every function is pure and returns the same object when nothing changed.
 */
export type Workspace = WorkspaceLayout;
export type Tab = WorkspaceTab;
export type Group = WorkspaceGroup;

export const emptyWorkspace: Workspace = { tabs: [], groups: [], activeTabId: null };

export const activeTab = (ws: Workspace): Tab | undefined => ws.tabs.find((tab) => tab.id === ws.activeTabId);

/** The pane that has the keyboard: the active tab's focused pane. */
export const focusedSession = (ws: Workspace): string | null => activeTab(ws)?.focused ?? null;

export const tabOf = (ws: Workspace, sessionId: string): Tab | undefined =>
  ws.tabs.find((tab) => panesOf(tab.root).includes(sessionId));

export const allSessions = (ws: Workspace): string[] => ws.tabs.flatMap((tab) => panesOf(tab.root));

/** Sessions of every tab in the group, in tab order. */
export function groupSessions(ws: Workspace, groupId: string): string[] {
  return ws.tabs.filter((tab) => tab.groupId === groupId).flatMap((tab) => panesOf(tab.root));
}

function replaceTab(ws: Workspace, tabId: string, change: (tab: Tab) => Tab): Workspace {
  return { ...ws, tabs: ws.tabs.map((tab) => (tab.id === tabId ? change(tab) : tab)) };
}

/** Group tabs stay together, at the place of the group's first tab, as in browsers. */
function keepGroupsTogether(ws: Workspace): Workspace {
  const placed = new Set<string>();
  const tabs: Tab[] = [];
  for (const tab of ws.tabs) {
    if (tab.groupId === undefined) tabs.push(tab);
    else if (!placed.has(tab.groupId)) {
      placed.add(tab.groupId);
      tabs.push(...ws.tabs.filter((other) => other.groupId === tab.groupId));
    }
  }
  const groups = ws.groups.filter((group) => placed.has(group.id));
  const same = tabs.every((tab, index) => tab === ws.tabs[index]) && groups.length === ws.groups.length;
  return same ? ws : { ...ws, tabs, groups };
}

export interface NewTab {
  id: string;
  root: LayoutNode;
  groupId?: string;
  /** Insert after this tab; absent: at the end. */
  after?: string;
  activate?: boolean;
}

export function addTab(ws: Workspace, spec: NewTab): Workspace {
  const first = panesOf(spec.root)[0];
  if (first === undefined) return ws;
  const tab: Tab = {
    id: spec.id,
    root: spec.root,
    focused: first,
    ...(spec.groupId ? { groupId: spec.groupId } : {}),
  };
  const tabs = [...ws.tabs];
  const afterIndex = spec.after === undefined ? -1 : tabs.findIndex((other) => other.id === spec.after);
  tabs.splice(afterIndex === -1 ? tabs.length : afterIndex + 1, 0, tab);
  return keepGroupsTogether({
    ...ws,
    tabs,
    activeTabId: spec.activate === false ? (ws.activeTabId ?? tab.id) : tab.id,
  });
}

/** Shows a session: its tab if it has one, else a new tab at the end. */
export function showSession(ws: Workspace, sessionId: string, newTabId: string): Workspace {
  const existing = tabOf(ws, sessionId);
  if (existing) return focusPane(ws, sessionId);
  return addTab(ws, { id: newTabId, root: pane(sessionId) });
}

export function activateTab(ws: Workspace, tabId: string): Workspace {
  return ws.tabs.some((tab) => tab.id === tabId) && ws.activeTabId !== tabId
    ? { ...ws, activeTabId: tabId }
    : ws;
}

/** Tabs the tab bar shows: a collapsed group's tabs are hidden, except the active one. */
export function visibleTabs(ws: Workspace): Tab[] {
  const collapsed = new Set(ws.groups.filter((group) => group.collapsed).map((group) => group.id));
  return ws.tabs.filter(
    (tab) => tab.groupId === undefined || !collapsed.has(tab.groupId) || tab.id === ws.activeTabId,
  );
}

/** Next (+1) or previous (-1) visible tab, wrapping around. */
export function cycleTab(ws: Workspace, step: 1 | -1): Workspace {
  const tabs = visibleTabs(ws);
  if (tabs.length === 0) return ws;
  const index = tabs.findIndex((tab) => tab.id === ws.activeTabId);
  const start = index === -1 ? (step === 1 ? -1 : 0) : index;
  const next = tabs[(start + step + tabs.length) % tabs.length];
  return next ? activateTab(ws, next.id) : ws;
}

/** Ctrl+1..8 pick that tab, Ctrl+9 the last one, as in browsers. */
export function activateIndex(ws: Workspace, n: number): Workspace {
  const tabs = visibleTabs(ws);
  const tab = n >= 9 ? tabs[tabs.length - 1] : tabs[n - 1];
  return tab ? activateTab(ws, tab.id) : ws;
}

export function focusPane(ws: Workspace, sessionId: string): Workspace {
  const tab = tabOf(ws, sessionId);
  if (!tab) return ws;
  if (tab.focused === sessionId && ws.activeTabId === tab.id) return ws;
  return {
    ...replaceTab(ws, tab.id, (current) => ({ ...current, focused: sessionId })),
    activeTabId: tab.id,
  };
}

export function moveFocus(ws: Workspace, direction: FocusDirection): Workspace {
  const tab = activeTab(ws);
  if (!tab || tab.maximized !== undefined) return ws;
  const next = neighbour(tab.root, tab.focused, direction);
  return next ? focusPane(ws, next) : ws;
}

export function toggleMaximize(ws: Workspace, sessionId?: string): Workspace {
  const tab = sessionId === undefined ? activeTab(ws) : tabOf(ws, sessionId);
  if (!tab) return ws;
  const target = sessionId ?? tab.focused;
  if (tab.maximized !== undefined) {
    const { maximized: _restored, ...rest } = tab;
    return replaceTab(ws, tab.id, () => ({ ...rest, focused: target }));
  }
  if (panesOf(tab.root).length < 2) return ws;
  return replaceTab(ws, tab.id, (current) => ({ ...current, maximized: target, focused: target }));
}

/** Closing the active tab activates its right neighbour, or the left one at the end, as browsers do. */
export function removeTab(ws: Workspace, tabId: string): Workspace {
  const index = ws.tabs.findIndex((tab) => tab.id === tabId);
  if (index === -1) return ws;
  const tabs = ws.tabs.filter((tab) => tab.id !== tabId);
  const activeTabId =
    ws.activeTabId !== tabId ? ws.activeTabId : (tabs[index]?.id ?? tabs[index - 1]?.id ?? null);
  return keepGroupsTogether({ ...ws, tabs, activeTabId });
}

/** A session left (closed, or moved elsewhere): its pane goes; an empty tab and an empty group go too. */
export function removeSession(ws: Workspace, sessionId: string): Workspace {
  const tab = tabOf(ws, sessionId);
  if (!tab) return ws;
  const root = removePane(tab.root, sessionId);
  if (!root) return removeTab(ws, tab.id);
  const panes = panesOf(root);
  return replaceTab(ws, tab.id, (current) => {
    const { maximized, ...rest } = current;
    return {
      ...rest,
      root,
      focused: panes.includes(current.focused) ? current.focused : (panes[0] ?? current.focused),
      ...(maximized !== undefined && maximized !== sessionId ? { maximized } : {}),
    };
  });
}

/** A new session split beside another (Ctrl+Shift+D / E, "connect in a split"). */
export function splitWith(
  ws: Workspace,
  targetSessionId: string,
  sessionId: string,
  direction: SplitDirection,
): Workspace {
  const without = removeSession(ws, sessionId);
  const tab = tabOf(without, targetSessionId);
  if (!tab) return ws;
  const root = insertBeside(tab.root, targetSessionId, pane(sessionId), direction);
  const { maximized: _restored, ...rest } = tab;
  return {
    ...replaceTab(without, tab.id, () => ({ ...rest, root, focused: sessionId })),
    activeTabId: tab.id,
  };
}

/** Drags a whole tab into another tab's split, beside one of its panes. */
export function mergeTab(
  ws: Workspace,
  tabId: string,
  targetSessionId: string,
  direction: SplitDirection,
  position: 'before' | 'after',
): Workspace {
  const moving = ws.tabs.find((tab) => tab.id === tabId);
  const target = tabOf(ws, targetSessionId);
  if (!moving || !target || moving.id === target.id) return ws;
  const without = removeTab(ws, moving.id);
  const root = insertBeside(target.root, targetSessionId, moving.root, direction, position);
  const { maximized: _restored, ...rest } = target;
  return {
    ...replaceTab(without, target.id, () => ({ ...rest, root, focused: moving.focused })),
    activeTabId: target.id,
  };
}

/** Pops a pane out of its split into a tab of its own, right after the old one, in the same group. */
export function popOut(ws: Workspace, sessionId: string, newTabId: string): Workspace {
  const tab = tabOf(ws, sessionId);
  if (!tab || panesOf(tab.root).length < 2) return ws;
  const without = removeSession(ws, sessionId);
  return addTab(without, {
    id: newTabId,
    root: pane(sessionId),
    after: tab.id,
    ...(tab.groupId ? { groupId: tab.groupId } : {}),
  });
}

/**
 * Moves a tab before another (null: to the end). Dropped between two tabs of a group, or on a group, it
 * joins it; dropped elsewhere it leaves its group.
 */
export function moveTab(
  ws: Workspace,
  tabId: string,
  beforeTabId: string | null,
  groupId?: string | null,
): Workspace {
  const moving = ws.tabs.find((tab) => tab.id === tabId);
  if (!moving || tabId === beforeTabId) return ws;
  const rest = ws.tabs.filter((tab) => tab.id !== tabId);
  const index = beforeTabId === null ? rest.length : rest.findIndex((tab) => tab.id === beforeTabId);
  const before = rest[index];
  const after = rest[index - 1];
  const joined =
    groupId !== undefined
      ? groupId
      : before?.groupId !== undefined && before.groupId === after?.groupId
        ? before.groupId
        : null;
  const { groupId: _old, ...plain } = moving;
  const moved: Tab = joined ? { ...plain, groupId: joined } : plain;
  const tabs = [...rest];
  tabs.splice(index === -1 ? rest.length : index, 0, moved);
  return keepGroupsTogether({ ...ws, tabs });
}

export function renameTab(ws: Workspace, tabId: string, title: string): Workspace {
  const trimmed = title.trim();
  return replaceTab(ws, tabId, (tab) => {
    const { title: _old, ...rest } = tab;
    return trimmed === '' ? rest : { ...rest, title: trimmed.slice(0, 200) };
  });
}

/** The first colour no group uses yet (cycling when all are taken). */
export function nextGroupColor(ws: Workspace): GroupColor {
  const used = new Set(ws.groups.map((group) => group.color));
  return (
    GROUP_COLORS.find((color) => !used.has(color)) ??
    GROUP_COLORS[ws.groups.length % GROUP_COLORS.length] ??
    'blue'
  );
}

export interface NewGroup {
  id: string;
  name: string;
  color?: GroupColor;
  tabIds: readonly string[];
}

export function createGroup(ws: Workspace, spec: NewGroup): Workspace {
  const members = new Set(spec.tabIds);
  if (![...members].some((id) => ws.tabs.some((tab) => tab.id === id))) return ws;
  const group: Group = {
    id: spec.id,
    name: spec.name.trim().slice(0, 200) || 'Group',
    color: spec.color ?? nextGroupColor(ws),
    collapsed: false,
  };
  const tabs = ws.tabs.map((tab) => (members.has(tab.id) ? { ...tab, groupId: group.id } : tab));
  return keepGroupsTogether({ ...ws, tabs, groups: [...ws.groups, group] });
}

export function updateGroup(
  ws: Workspace,
  groupId: string,
  change: Partial<Pick<Group, 'name' | 'color' | 'collapsed'>>,
): Workspace {
  if (!ws.groups.some((group) => group.id === groupId)) return ws;
  const name = change.name?.trim();
  return {
    ...ws,
    groups: ws.groups.map((group) =>
      group.id === groupId
        ? { ...group, ...change, ...(name !== undefined ? { name: name.slice(0, 200) || group.name } : {}) }
        : group,
    ),
  };
}

/** The group goes; its tabs stay, ungrouped. */
export function ungroup(ws: Workspace, groupId: string): Workspace {
  const tabs = ws.tabs.map((tab) => {
    if (tab.groupId !== groupId) return tab;
    const { groupId: _old, ...rest } = tab;
    return rest;
  });
  return { ...ws, tabs, groups: ws.groups.filter((group) => group.id !== groupId) };
}

export function setTabGroup(ws: Workspace, tabId: string, groupId: string | null): Workspace {
  if (groupId !== null && !ws.groups.some((group) => group.id === groupId)) return ws;
  return keepGroupsTogether(
    replaceTab(ws, tabId, (tab) => {
      const { groupId: _old, ...rest } = tab;
      return groupId === null ? rest : { ...rest, groupId };
    }),
  );
}

/**
 * Makes the workspace match the sessions that exist (after a restart, or a session ending elsewhere):
 * panes of sessions that are gone drop out (and with them empty tabs and groups); with `addMissing`,
 * every session without a pane gets a tab of its own at the end, oldest first.
 */
export function reconcileWorkspace(
  ws: Workspace,
  sessionIds: readonly string[],
  options: { addMissing: boolean; newTabId: (sessionId: string) => string },
): Workspace {
  const live = new Set(sessionIds);
  let changed = false;
  const tabs: Tab[] = [];
  const seen = new Set<string>();
  for (const tab of ws.tabs) {
    const root = pruneLayout(tab.root, (id) => live.has(id) && !seen.has(id));
    if (!root) {
      changed = true;
      continue;
    }
    const panes = panesOf(root);
    panes.forEach((id) => seen.add(id));
    if (root === tab.root) {
      tabs.push(tab);
      continue;
    }
    changed = true;
    const { maximized, ...rest } = tab;
    tabs.push({
      ...rest,
      root,
      focused: panes.includes(tab.focused) ? tab.focused : (panes[0] ?? tab.focused),
      ...(maximized !== undefined && panes.includes(maximized) ? { maximized } : {}),
    });
  }
  const groupIds = new Set(ws.groups.map((group) => group.id));
  const grouped = tabs.map((tab) => {
    if (tab.groupId === undefined || groupIds.has(tab.groupId)) return tab;
    changed = true;
    const { groupId: _gone, ...rest } = tab;
    return rest;
  });
  if (options.addMissing) {
    for (const id of sessionIds) {
      if (seen.has(id)) continue;
      changed = true;
      grouped.push({ id: options.newTabId(id), root: pane(id), focused: id });
    }
  }
  let activeTabId = ws.activeTabId;
  if (!grouped.some((tab) => tab.id === activeTabId)) {
    const oldIndex = ws.tabs.findIndex((tab) => tab.id === ws.activeTabId);
    activeTabId = grouped[Math.min(Math.max(oldIndex, 0), grouped.length - 1)]?.id ?? null;
    changed = true;
  }
  if (!changed) return ws;
  return keepGroupsTogether({ ...ws, tabs: grouped, activeTabId });
}

/** Sessions of the group, for a chip's description and broadcast. */
export function groupOf(ws: Workspace, groupId: string | undefined): Group | undefined {
  return groupId === undefined ? undefined : ws.groups.find((group) => group.id === groupId);
}

/** One tab tiled as a grid, or one tab per session: "open selection as group". */
export function openAsGroup(
  ws: Workspace,
  spec: {
    sessionIds: readonly string[];
    groupId: string;
    name: string;
    tabId: (index: number) => string;
    /** The user's setting: one tab tiled as a grid (default), or one tab per session. */
    opensAs?: 'grid' | 'tabs';
  },
): Workspace {
  const fresh = spec.sessionIds.reduce((current, id) => removeSession(current, id), ws);
  if (spec.sessionIds.length === 0) return ws;
  const tabIds: string[] = [];
  let next = fresh;
  if ((spec.opensAs ?? 'grid') === 'grid') {
    const id = spec.tabId(0);
    next = addTab(next, { id, root: gridLayout(spec.sessionIds) });
    tabIds.push(id);
  } else {
    spec.sessionIds.forEach((sessionId, index) => {
      const id = spec.tabId(index);
      next = addTab(next, { id, root: pane(sessionId) });
      tabIds.push(id);
    });
    next = activateTab(next, tabIds[0] ?? '');
  }
  return createGroup(next, { id: spec.groupId, name: spec.name, tabIds });
}
