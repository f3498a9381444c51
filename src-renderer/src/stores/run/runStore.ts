import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EventPayload, RunHostOutput, RunSummary } from '../../../../src-preload/api';
import {
  expansionToggled,
  initialRunView,
  progressApplied,
  runFinished,
  runStarted,
  type RunViewState,
} from './runView.logic';

/** The "Run command" dialog: which hosts, and what the user typed last. */
export interface RunDialogState {
  hostIds: string[];
  labels: string[];
}

export interface RunStoreState extends RunViewState {
  dialog: RunDialogState | null;
  /** Remembered between runs in this window. */
  lastCommand: string;
}

export interface RunActions {
  openDialog(dialog: RunDialogState): void;
  closeDialog(): void;
  started(run: RunSummary, command: string): void;
  progress(event: EventPayload<'run:progress'>): void;
  finished(summary: RunSummary): void;
  setFailedOnly(failedOnly: boolean): void;
  toggleExpanded(hostId: string): void;
  outputLoaded(hostId: string, output: RunHostOutput | 'loading' | { error: string }): void;
  closePanel(): void;
}

export type RunStore = StoreApi<RunStoreState & RunActions>;

export function createRunStore(): RunStore {
  return createStore<RunStoreState & RunActions>()((set) => ({
    ...initialRunView,
    dialog: null,
    lastCommand: '',
    openDialog: (dialog) => set({ dialog }),
    closeDialog: () => set({ dialog: null }),
    started: (run, command) =>
      set((state) => ({
        ...runStarted(state, run),
        dialog: null,
        failedOnly: false,
        lastCommand: command,
      })),
    progress: (event) => set((state) => progressApplied(state, event)),
    finished: (summary) => set((state) => runFinished(state, summary)),
    setFailedOnly: (failedOnly) => set({ failedOnly }),
    toggleExpanded: (hostId) => set((state) => expansionToggled(state, hostId)),
    outputLoaded: (hostId, output) => set((state) => ({ outputs: { ...state.outputs, [hostId]: output } })),
    closePanel: () => set({ ...initialRunView }),
  }));
}
