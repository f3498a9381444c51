import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RequestResult, SessionInfo } from '../../../src-preload/api';
import type { ConnectionState } from '../bridge/transport';
import type { TerminalStatus } from '../terminal/terminalStatus';
import { hostsLoaded, initialHostsState, type HostsState } from './hosts.logic';
import { dismissNotice, pushNotice, type Notice } from './notices.logic';
import { removeSession, sortSessions, upsertSession } from './sessions.logic';
import {
  activateTab,
  closeTab,
  cycleTab,
  initialTabsState,
  openTab,
  reconcileTabs,
  type TabsState,
} from './tabs.logic';

export interface AppState {
  hosts: HostsState;
  sessions: readonly SessionInfo[];
  tabs: TabsState;
  notices: readonly Notice[];
  connection: ConnectionState;
  /** Keyed by session id (= tab id). */
  terminals: Readonly<Record<string, TerminalStatus>>;
  /** Hosts with a sessions:open in flight, so a double double-click does not open two. */
  opening: readonly string[];
}

export interface AppActions {
  hostsLoaded: (result: RequestResult<'hosts:list'>) => void;
  /** The full session list, from sessions:list or sessions:changed. */
  sessionsReplaced: (sessions: readonly SessionInfo[]) => void;
  /** sessions:open answered: show the new session's tab and make it active. */
  sessionOpened: (session: SessionInfo) => void;
  sessionClosed: (sessionId: string) => void;
  openingStarted: (hostId: string) => void;
  openingFinished: (hostId: string) => void;
  activateTab: (sessionId: string) => void;
  cycleTab: (step: 1 | -1) => void;
  notify: (message: string) => void;
  dismissNotice: (id: number) => void;
  setConnection: (state: ConnectionState) => void;
  setTerminalStatus: (sessionId: string, status: TerminalStatus) => void;
}

export type AppStore = StoreApi<AppState & AppActions>;

export function createAppStore(initialConnection: ConnectionState): AppStore {
  let nextNoticeId = 1;
  return createStore<AppState & AppActions>()((set) => ({
    hosts: initialHostsState,
    sessions: [],
    tabs: initialTabsState,
    notices: [],
    connection: initialConnection,
    terminals: {},
    opening: [],

    hostsLoaded: (result) => set({ hosts: hostsLoaded(result) }),
    sessionsReplaced: (sessions) =>
      set((state) => {
        const sorted = sortSessions(sessions);
        const live = new Set(sorted.map((session) => session.id));
        const terminals = Object.fromEntries(Object.entries(state.terminals).filter(([id]) => live.has(id)));
        return { sessions: sorted, tabs: reconcileTabs(state.tabs, sorted), terminals };
      }),
    sessionOpened: (session) =>
      set((state) => ({
        sessions: upsertSession(state.sessions, session),
        tabs: openTab(state.tabs, session.id),
      })),
    sessionClosed: (sessionId) =>
      set((state) => {
        const { [sessionId]: _closed, ...terminals } = state.terminals;
        return {
          sessions: removeSession(state.sessions, sessionId),
          tabs: closeTab(state.tabs, sessionId),
          terminals,
        };
      }),
    openingStarted: (hostId) => set((state) => ({ opening: [...state.opening, hostId] })),
    openingFinished: (hostId) => set((state) => ({ opening: state.opening.filter((id) => id !== hostId) })),
    activateTab: (sessionId) => set((state) => ({ tabs: activateTab(state.tabs, sessionId) })),
    cycleTab: (step) => set((state) => ({ tabs: cycleTab(state.tabs, step) })),
    notify: (message) =>
      set((state) => ({ notices: pushNotice(state.notices, { id: nextNoticeId++, message }) })),
    dismissNotice: (id) => set((state) => ({ notices: dismissNotice(state.notices, id) })),
    setConnection: (connection) => set({ connection }),
    setTerminalStatus: (sessionId, status) =>
      set((state) => ({ terminals: { ...state.terminals, [sessionId]: status } })),
  }));
}
