import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { MuxdeckClient } from '../bridge/client';
import type { AppActions, AppState, AppStore } from '../stores/appStore';
import type { InputDispatcher } from '../terminal/inputDispatcher';
import type { TerminalOutputRouter } from '../terminal/terminalOutputRouter';
import type { TerminalServices } from '../terminal/terminalServices';
import type { TerminalSizeHint } from '../terminal/terminalSize';
import type { RunServices } from '../run/runServices';
import type { TreeServices } from '../tree/treeServices';
import type { SourcesStore } from '../sources/sourcesStore';
import type { AppSettingsStore } from '../settings/appSettingsStore';
import type { CloseQuestionStore } from '../stores/closeQuestion';
import type { AppCommands } from './commands';

/** Everything components need that is not React state: built once in main.tsx. */
export interface AppServices {
  client: MuxdeckClient;
  store: AppStore;
  /** The store's actions: the same functions for the store's whole life, so safe as effect dependencies. */
  actions: AppActions;
  commands: AppCommands;
  terminalRouter: TerminalOutputRouter;
  sizeHint: TerminalSizeHint;
  /** Terminal settings, bells, WebGL budget, clipboard: shared by every terminal pane. */
  terminal: TerminalServices;
  /** Where typed input goes: one pane, or every broadcast target. */
  input: InputDispatcher;
  /** The host tree: its store and commands. */
  tree: TreeServices;
  /** Run on selection: the dialog, the results grid and their commands. */
  run: RunServices;
  /** Configured inventories and their sync status (--- sources ---). */
  sources: SourcesStore;
  /** App-wide settings (sessions, logs, terminal) as the main process keeps them. */
  settings: AppSettingsStore;
  /** "Close web1? It is connected": the question × and Ctrl+Shift+W ask (CloseConfirmDialog). */
  closeQuestion: CloseQuestionStore;
}

const ServicesContext = createContext<AppServices | null>(null);

export function AppServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside <AppServicesProvider>');
  return services;
}

/** Selects from the app store; the selector must return stable values (state slices, not new arrays). */
export function useAppState<T>(selector: (state: AppState & AppActions) => T): T {
  return useStore(useServices().store, selector);
}

export function useActions(): AppActions {
  return useServices().actions;
}
