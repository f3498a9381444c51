import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SessionInfo, WorkspaceLayout } from '../../../src-preload/api';
import type { ConnectionState } from '../bridge/transport';
import type { TerminalStatus } from '../terminal/terminalStatus';
import { hostsLoaded, initialHostsState, type HostsState, type LoadedHosts } from './hosts.logic';
import { dismissNotice, pushNotice, type Notice } from './notices.logic';
import { removeSession, sortSessions, upsertSession } from './sessions.logic';
import { pruneBroadcast, type Broadcast } from './workspace/broadcast.logic';
import {
  activateIndex,
  activateTab,
  cycleTab,
  emptyWorkspace,
  focusedSession,
  reconcileWorkspace,
  removeSession as removeSessionPane,
  showSession,
  type Workspace,
} from './workspace/workspace.logic';

export interface AppState {
  hosts: HostsState;
  sessions: readonly SessionInfo[];
  /** Tabs, their splits and the tab groups (issue 6). */
  workspace: Workspace;
  /** False until the saved layout was read: until then no session is given a tab of its own. */
  workspaceReady: boolean;
  broadcast: Broadcast | null;
  notices: readonly Notice[];
  connection: ConnectionState;
  /** Keyed by session id. */
  terminals: Readonly<Record<string, TerminalStatus>>;
  /** Hosts with a sessions:open in flight, so a double double-click does not open two. */
  opening: readonly string[];
}

export interface AppActions {
  hostsLoaded: (result: LoadedHosts) => void;
  /** The full session list, from sessions:list or sessions:changed. */
  sessionsReplaced: (sessions: readonly SessionInfo[]) => void;
  /** sessions:open answered: show the new session's tab and make it active. */
  sessionOpened: (session: SessionInfo) => void;
  sessionClosed: (sessionId: string) => void;
  /** The saved layout was read (or could not be): restore it over the sessions that exist. */
  workspaceRestored: (layout: WorkspaceLayout | null) => void;
  changeWorkspace: (change: (workspace: Workspace) => Workspace) => void;
  setBroadcast: (change: (broadcast: Broadcast | null, workspace: Workspace) => Broadcast | null) => void;
  openingStarted: (hostId: string) => void;
  openingFinished: (hostId: string) => void;
  activateTab: (tabId: string) => void;
  cycleTab: (step: 1 | -1) => void;
  activateIndex: (n: number) => void;
  notify: (message: string) => void;
  dismissNotice: (id: number) => void;
  setConnection: (state: ConnectionState) => void;
  setTerminalStatus: (sessionId: string, status: TerminalStatus) => void;
}

export type AppStore = StoreApi<AppState & AppActions>;

let tabCounter = 0;
/** Tab and group ids: unique in this window, stable once saved. */
export function newLayoutId(prefix: 'tab' | 'grp'): string {
  tabCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${tabCounter.toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

export const selectFocusedSession = (state: AppState): string | null => focusedSession(state.workspace);

export function createAppStore(initialConnection: ConnectionState): AppStore {
  let nextNoticeId = 1;
  return createStore<AppState & AppActions>()((set) => {
    /** Applies a workspace change; broadcast forgets panes that went away with it. */
    const withWorkspace = (state: AppState, workspace: Workspace): Partial<AppState> =>
      workspace === state.workspace
        ? {}
        : { workspace, broadcast: pruneBroadcast(state.broadcast, workspace) };

    const reconciled = (state: AppState, sessions: readonly SessionInfo[], workspace = state.workspace) =>
      reconcileWorkspace(
        workspace,
        sessions.map((session) => session.id),
        // A session being opened here is placed by whoever opens it (a split, a group), not as a tab.
        {
          addMissing: state.workspaceReady && state.opening.length === 0,
          newTabId: () => newLayoutId('tab'),
        },
      );

    return {
      hosts: initialHostsState,
      sessions: [],
      workspace: emptyWorkspace,
      workspaceReady: false,
      broadcast: null,
      notices: [],
      connection: initialConnection,
      terminals: {},
      opening: [],

      hostsLoaded: (result) => set({ hosts: hostsLoaded(result) }),
      sessionsReplaced: (sessions) =>
        set((state) => {
          const sorted = sortSessions(sessions);
          const live = new Set(sorted.map((session) => session.id));
          const terminals = Object.fromEntries(
            Object.entries(state.terminals).filter(([id]) => live.has(id)),
          );
          // Before the layout is known, nothing is dropped either: the layout may name these sessions.
          const workspace = state.workspaceReady ? reconciled(state, sorted) : state.workspace;
          return { sessions: sorted, terminals, ...withWorkspace(state, workspace) };
        }),
      sessionOpened: (session) =>
        set((state) => ({
          sessions: upsertSession(state.sessions, session),
          ...withWorkspace(state, showSession(state.workspace, session.id, newLayoutId('tab'))),
        })),
      sessionClosed: (sessionId) =>
        set((state) => {
          const { [sessionId]: _closed, ...terminals } = state.terminals;
          return {
            sessions: removeSession(state.sessions, sessionId),
            terminals,
            ...withWorkspace(state, removeSessionPane(state.workspace, sessionId)),
          };
        }),
      workspaceRestored: (layout) =>
        set((state) => {
          const ready = { ...state, workspaceReady: true };
          const workspace = reconciled(ready, state.sessions, layout ?? state.workspace);
          return { workspaceReady: true, ...withWorkspace(state, workspace) };
        }),
      changeWorkspace: (change) => set((state) => withWorkspace(state, change(state.workspace))),
      setBroadcast: (change) => set((state) => ({ broadcast: change(state.broadcast, state.workspace) })),
      openingStarted: (hostId) => set((state) => ({ opening: [...state.opening, hostId] })),
      openingFinished: (hostId) =>
        set((state) => {
          const opening = state.opening.filter((id) => id !== hostId);
          // Sessions that arrived while opens were in flight and were not placed get their tabs now.
          const next = { ...state, opening };
          return {
            opening,
            ...withWorkspace(state, next.workspaceReady ? reconciled(next, state.sessions) : state.workspace),
          };
        }),
      activateTab: (tabId) => set((state) => withWorkspace(state, activateTab(state.workspace, tabId))),
      cycleTab: (step) => set((state) => withWorkspace(state, cycleTab(state.workspace, step))),
      activateIndex: (n) => set((state) => withWorkspace(state, activateIndex(state.workspace, n))),
      notify: (message) =>
        set((state) => ({ notices: pushNotice(state.notices, { id: nextNoticeId++, message }) })),
      dismissNotice: (id) => set((state) => ({ notices: dismissNotice(state.notices, id) })),
      setConnection: (connection) => set({ connection }),
      setTerminalStatus: (sessionId, status) =>
        set((state) => ({ terminals: { ...state.terminals, [sessionId]: status } })),
    };
  });
}
