import { MuxdeckApiError, type SessionInfo } from '../../../src-preload/api';
import type { MuxdeckClient } from '../bridge/client';
import { findHost } from '../stores/hosts.logic';
import { newLayoutId, type AppStore } from '../stores/appStore';
import { pane, panesOf, type SplitDirection } from '../stores/workspace/layout.logic';
import {
  activeTab,
  addTab,
  focusedSession,
  openAsGroup,
  removeTab,
  splitWith,
  tabOf,
  type Workspace,
} from '../stores/workspace/workspace.logic';
import type { TerminalSizeHint } from '../terminal/terminalSize';
import { connectedSessions } from '../stores/closeQuestion';
import { errorMessage } from './errorMessage';

/** What the UI asks of Muxdeck. Failures become notices the user can read; nothing here throws. */
export interface AppCommands {
  openHost(hostId: string): Promise<void>;
  /** Ends a session as it is, without asking (its program exited, or the user already said yes). */
  closeSession(sessionId: string): Promise<void>;
  /** A pane's ×: asks first when its session is connected. */
  closePane(sessionId: string): Promise<void>;
  /** Ctrl+Shift+W: the focused pane (its tab goes with its last pane); asks first when it is connected. */
  closeActiveTab(): Promise<void>;
  /** Every session of a tab; asks first when any is connected. */
  closeTab(tabId: string): Promise<void>;
  /** Every session of these tabs ("Close other tabs", a group's "Close"), with one question for all. */
  closeTabs(tabIds: readonly string[]): Promise<void>;
  /** A new session to the focused pane's host, split beside it (Ctrl+Shift+D right, Ctrl+Shift+E down). */
  splitFocused(direction: SplitDirection): Promise<void>;
  /** A new session to the same host as the tab's focused pane, in a new tab right after it (Ctrl+Shift+T). */
  duplicateTab(tabId?: string): Promise<void>;
  /** Each host in a split of the active tab (a new tab when there is none). */
  connectInSplit(hostIds: readonly string[]): Promise<void>;
  /** "Open selection as group": one tab tiled as a grid (or a tab per host), in a new tab group. */
  openGroup(hostIds: readonly string[], name?: string): Promise<void>;
}

/** How many ssh connections a group opens at once: enough to be quick, few enough not to stampede. */
const OPEN_PARALLELISM = 8;

export function createCommands(
  client: MuxdeckClient,
  store: AppStore,
  sizeHint: TerminalSizeHint,
  /** The "open selection as group" setting; grid until settings are known. */
  groupOpensAs: () => 'grid' | 'tabs' = () => 'grid',
  /** Asks whether to end connected sessions (their labels); true closes. Never asked for others. */
  confirmClose: (labels: readonly string[]) => Promise<boolean> = () => Promise.resolve(true),
): AppCommands {
  const state = () => store.getState();
  const labelOf = (hostId: string) => findHost(state().hosts, hostId)?.label ?? hostId;

  /** Opens a session without placing it; null (and a notice) when it failed. */
  async function open(hostId: string, place: (session: SessionInfo) => void): Promise<SessionInfo | null> {
    state().openingStarted(hostId);
    try {
      const session = await client.invoke('sessions:open', { hostId, ...sizeHint.current() });
      place(session);
      return session;
    } catch (error) {
      state().notify(`Could not connect to ${labelOf(hostId)}: ${errorMessage(error)}`);
      return null;
    } finally {
      state().openingFinished(hostId);
    }
  }

  /** Placing a session must also record it in the session list (sessions:changed may still be on its way). */
  function placed(list: readonly SessionInfo[], change: (ws: Workspace) => Workspace): void {
    const known = new Set(state().sessions.map((session) => session.id));
    const fresh = list.filter((session) => !known.has(session.id));
    if (fresh.length > 0) state().sessionsReplaced([...state().sessions, ...fresh]);
    state().changeWorkspace(change);
  }

  async function openHost(hostId: string): Promise<void> {
    if (state().opening.includes(hostId)) return;
    await open(hostId, (session) => state().sessionOpened(session));
  }

  async function closeSession(sessionId: string): Promise<void> {
    try {
      await client.invoke('sessions:close', { sessionId });
      state().sessionClosed(sessionId);
    } catch (error) {
      // Already gone (closed elsewhere, or tmux died): the pane has nothing left to show.
      if (error instanceof MuxdeckApiError && error.code === 'NOT_FOUND') {
        state().sessionClosed(sessionId);
        return;
      }
      const label = state().sessions.find((session) => session.id === sessionId)?.label ?? sessionId;
      state().notify(`Could not close ${label}: ${errorMessage(error)}`);
    }
  }

  /** True when none of these sessions is connected, or the user said to close them anyway. */
  async function mayClose(sessionIds: readonly string[]): Promise<boolean> {
    const live = connectedSessions(state().sessions, sessionIds);
    return live.length === 0 || (await confirmClose(live.map((session) => session.label)));
  }

  async function closePane(sessionId: string): Promise<void> {
    if (await mayClose([sessionId])) await closeSession(sessionId);
  }

  async function closeActiveTab(): Promise<void> {
    const sessionId = focusedSession(state().workspace);
    if (sessionId !== null) await closePane(sessionId);
  }

  async function closeTabs(tabIds: readonly string[]): Promise<void> {
    const tabs = state().workspace.tabs.filter((candidate) => tabIds.includes(candidate.id));
    const sessions = tabs.flatMap((tab) => panesOf(tab.root));
    if (tabs.length === 0 || !(await mayClose(sessions))) return;
    // The tabs go at once; their sessions end behind them.
    state().changeWorkspace((ws) => tabs.reduce((current, tab) => removeTab(current, tab.id), ws));
    await Promise.all(sessions.map((id) => closeSession(id)));
  }

  const closeTab = (tabId: string): Promise<void> => closeTabs([tabId]);

  const hostOfSession = (sessionId: string | null): string | undefined =>
    sessionId === null ? undefined : state().sessions.find((session) => session.id === sessionId)?.hostId;

  async function splitFocused(direction: SplitDirection): Promise<void> {
    const target = focusedSession(state().workspace);
    const hostId = hostOfSession(target);
    if (target === null || !hostId) return;
    await open(hostId, (session) =>
      placed([session], (ws) =>
        // The pane may have closed meanwhile: then the new session gets a tab of its own.
        tabOf(ws, target)
          ? splitWith(ws, target, session.id, direction)
          : addTab(ws, { id: newLayoutId('tab'), root: pane(session.id) }),
      ),
    );
  }

  async function duplicateTab(tabId?: string): Promise<void> {
    const ws = state().workspace;
    const tab = tabId === undefined ? activeTab(ws) : ws.tabs.find((candidate) => candidate.id === tabId);
    const hostId = hostOfSession(tab?.focused ?? null);
    if (!tab || !hostId) return;
    await open(hostId, (session) =>
      placed([session], (current) =>
        addTab(current, {
          id: newLayoutId('tab'),
          root: pane(session.id),
          after: tab.id,
          ...(tab.groupId ? { groupId: tab.groupId } : {}),
        }),
      ),
    );
  }

  async function connectInSplit(hostIds: readonly string[]): Promise<void> {
    for (const hostId of hostIds) {
      await open(hostId, (session) =>
        placed([session], (ws) => {
          const target = focusedSession(ws);
          if (target === null) return addTab(ws, { id: newLayoutId('tab'), root: pane(session.id) });
          const tab = tabOf(ws, target);
          // Alternate directions so several splits tile rather than becoming slivers.
          const count = tab ? panesOf(tab.root).length : 1;
          return splitWith(ws, target, session.id, count % 2 === 1 ? 'row' : 'column');
        }),
      );
    }
  }

  async function openGroup(hostIds: readonly string[], name?: string): Promise<void> {
    const unique = [...new Set(hostIds)];
    if (unique.length === 0) return;
    const opened: (SessionInfo | null)[] = new Array<SessionInfo | null>(unique.length).fill(null);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < unique.length) {
        const index = next++;
        const hostId = unique[index];
        if (hostId !== undefined) opened[index] = await open(hostId, () => undefined);
      }
    };
    // The sessions are placed together once all answered; until then none gets a tab of its own.
    unique.forEach((id) => state().openingStarted(`group:${id}`));
    try {
      await Promise.all(Array.from({ length: Math.min(OPEN_PARALLELISM, unique.length) }, worker));
      const sessions = opened.filter((session): session is SessionInfo => session !== null);
      if (sessions.length === 0) return;
      const groupName = name ?? defaultGroupName(sessions.map((session) => session.label));
      placed(sessions, (ws) =>
        openAsGroup(ws, {
          sessionIds: sessions.map((session) => session.id),
          groupId: newLayoutId('grp'),
          name: groupName,
          tabId: () => newLayoutId('tab'),
          opensAs: groupOpensAs(),
        }),
      );
    } finally {
      unique.forEach((id) => state().openingFinished(`group:${id}`));
    }
  }

  return {
    openHost,
    closeSession,
    closePane,
    closeActiveTab,
    closeTab,
    closeTabs,
    splitFocused,
    duplicateTab,
    connectInSplit,
    openGroup,
  };
}

/** "web-01, web-02 +3": what the selection was, short enough for a chip. */
export function defaultGroupName(labels: readonly string[]): string {
  const shown = labels.slice(0, 2).join(', ');
  return labels.length > 2 ? `${shown} +${labels.length - 2}` : shown;
}
