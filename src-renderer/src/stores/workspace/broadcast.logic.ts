import { allSessions, groupSessions, type Workspace } from './workspace.logic';

/**
 * Who receives typed input besides the pane typed in. For a group: every pane of its tabs, plus panes
 * added by clicking their headers, minus excluded ones. Ad hoc (no group): the panes clicked in.
 * Null: broadcast is off and every pane gets only its own keys.
 */
export interface Broadcast {
  groupId: string | null;
  /** Panes added by hand (ad hoc, or beyond the group). */
  members: readonly string[];
  /** Panes of the group taken out without stopping the broadcast. */
  excluded: readonly string[];
}

export const startGroupBroadcast = (groupId: string): Broadcast => ({ groupId, members: [], excluded: [] });

export const startAdHocBroadcast = (sessionIds: readonly string[]): Broadcast | null =>
  sessionIds.length === 0 ? null : { groupId: null, members: [...new Set(sessionIds)], excluded: [] };

/** Panes that belong to the broadcast, included or not, in layout order. */
export function candidates(broadcast: Broadcast | null, ws: Workspace): string[] {
  if (!broadcast) return [];
  const inGroup = new Set(broadcast.groupId === null ? [] : groupSessions(ws, broadcast.groupId));
  const members = new Set(broadcast.members);
  return allSessions(ws).filter((id) => inGroup.has(id) || members.has(id));
}

/** The panes that receive input, in layout order. */
export function broadcastTargets(broadcast: Broadcast | null, ws: Workspace): string[] {
  if (!broadcast) return [];
  const excluded = new Set(broadcast.excluded);
  return candidates(broadcast, ws).filter((id) => !excluded.has(id));
}

export function excludedCount(broadcast: Broadcast | null, ws: Workspace): number {
  if (!broadcast) return 0;
  const excluded = new Set(broadcast.excluded);
  return candidates(broadcast, ws).filter((id) => excluded.has(id)).length;
}

export function isTarget(broadcast: Broadcast | null, ws: Workspace, sessionId: string): boolean {
  return broadcastTargets(broadcast, ws).includes(sessionId);
}

/**
 * One click on a pane's header (or Ctrl+Shift+X): a target is taken out, anything else is put in. With
 * no broadcast running, this starts an ad-hoc one with that pane. An ad-hoc broadcast left with no pane
 * stops.
 */
export function togglePane(broadcast: Broadcast | null, ws: Workspace, sessionId: string): Broadcast | null {
  if (!broadcast) return startAdHocBroadcast([sessionId]);
  const inGroup = broadcast.groupId !== null && groupSessions(ws, broadcast.groupId).includes(sessionId);
  const members = broadcast.members.filter((id) => id !== sessionId);
  const excluded = broadcast.excluded.filter((id) => id !== sessionId);
  if (isTarget(broadcast, ws, sessionId)) {
    const next = { ...broadcast, members, excluded: inGroup ? [...excluded, sessionId] : excluded };
    return next.groupId === null && next.members.length === 0 ? null : next;
  }
  return { ...broadcast, members: inGroup ? members : [...members, sessionId], excluded };
}

/** Drops panes that no longer exist; a group broadcast whose group is gone keeps only its hand-added panes. */
export function pruneBroadcast(broadcast: Broadcast | null, ws: Workspace): Broadcast | null {
  if (!broadcast) return null;
  const live = new Set(allSessions(ws));
  const groupAlive = broadcast.groupId !== null && ws.groups.some((group) => group.id === broadcast.groupId);
  const members = broadcast.members.filter((id) => live.has(id));
  const excluded = broadcast.excluded.filter((id) => live.has(id));
  if (!groupAlive && members.length === 0) return null;
  const next: Broadcast = { groupId: groupAlive ? broadcast.groupId : null, members, excluded };
  const same =
    next.groupId === broadcast.groupId &&
    members.length === broadcast.members.length &&
    excluded.length === broadcast.excluded.length;
  return same ? broadcast : next;
}

/** Targets that can take input now, and those skipped because their connection is down. */
export function splitByReachability(
  targets: readonly string[],
  reachable: (sessionId: string) => boolean,
): { live: string[]; skipped: string[] } {
  const live: string[] = [];
  const skipped: string[] = [];
  for (const id of targets) (reachable(id) ? live : skipped).push(id);
  return { live, skipped };
}

/** UX.md: a multi-line paste, or any paste reaching more than one host, is confirmed first. */
export function pasteNeedsConfirmation(text: string, targetCount: number): boolean {
  return targetCount > 1 || /[\r\n]/.test(text);
}

/** "Broadcasting to 4 sessions (1 excluded)". */
export function bannerText(targetCount: number, excluded: number): string {
  const noun = targetCount === 1 ? 'session' : 'sessions';
  return `Broadcasting to ${targetCount} ${noun}${excluded > 0 ? ` (${excluded} excluded)` : ''}`;
}

/** Two Escapes this close together stop the broadcast. */
export const DOUBLE_ESCAPE_MS = 600;

export function isDoubleEscape(previousAt: number | null, now: number): boolean {
  return previousAt !== null && now - previousAt <= DOUBLE_ESCAPE_MS;
}

/** The input bar's history: newest last, no immediate repeats, bounded. */
export function pushHistory(history: readonly string[], line: string, max = 100): string[] {
  if (line.trim() === '' || history[history.length - 1] === line) return [...history];
  return [...history, line].slice(-max);
}

/**
 * Up (-1) and Down (+1) through the history. `index` null means "the line being typed"; Down past the
 * newest entry comes back to it.
 */
export function stepHistory(history: readonly string[], index: number | null, step: -1 | 1): number | null {
  if (history.length === 0) return null;
  if (index === null) return step === -1 ? history.length - 1 : null;
  const next = index + step;
  if (next < 0) return 0;
  if (next >= history.length) return null;
  return next;
}
