import type { SessionInfo } from '../../../src-preload/api';
import { sortSessions } from './sessions.logic';

/** One tab per session for now; a tab's id is its session's id (the tmux session name). */
export interface TabsState {
  order: readonly string[];
  activeId: string | null;
}

export const initialTabsState: TabsState = { order: [], activeId: null };

/** Adds a tab (if new) at the end and makes it active. */
export function openTab(tabs: TabsState, id: string): TabsState {
  const order = tabs.order.includes(id) ? tabs.order : [...tabs.order, id];
  return { order, activeId: id };
}

export function activateTab(tabs: TabsState, id: string): TabsState {
  return tabs.order.includes(id) ? { ...tabs, activeId: id } : tabs;
}

/** Closing the active tab activates its right neighbour, or the left one at the end, as browsers do. */
export function closeTab(tabs: TabsState, id: string): TabsState {
  const index = tabs.order.indexOf(id);
  if (index === -1) return tabs;
  const order = tabs.order.filter((tabId) => tabId !== id);
  if (tabs.activeId !== id) return { ...tabs, order };
  const activeId = order[index] ?? order[index - 1] ?? null;
  return { order, activeId };
}

/** Next (+1) or previous (-1) tab, wrapping around. */
export function cycleTab(tabs: TabsState, step: 1 | -1): TabsState {
  if (tabs.order.length === 0) return tabs;
  const index = tabs.activeId === null ? -1 : tabs.order.indexOf(tabs.activeId);
  const start = index === -1 ? (step === 1 ? -1 : 0) : index;
  const next = (start + step + tabs.order.length) % tabs.order.length;
  return { ...tabs, activeId: tabs.order[next] ?? null };
}

/**
 * Makes the tabs match the sessions that exist: sessions live in tmux and outlive the window, so every
 * session gets a tab (oldest first) and a tab whose session is gone is closed. The active tab stays
 * unless its session went away; with no active tab, the first one becomes active.
 */
export function reconcileTabs(tabs: TabsState, sessions: readonly SessionInfo[]): TabsState {
  const existing = new Set(sessions.map((session) => session.id));
  let next = tabs;
  for (const id of tabs.order) if (!existing.has(id)) next = closeTab(next, id);
  const missing = sortSessions(sessions).filter((session) => !next.order.includes(session.id));
  if (missing.length > 0) next = { ...next, order: [...next.order, ...missing.map((session) => session.id)] };
  if (next.activeId === null && next.order.length > 0) next = { ...next, activeId: next.order[0] ?? null };
  return next;
}
