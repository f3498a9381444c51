import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EventPayload, RunHostOutput, RunSummary } from '../../../../src-preload/api';
import { FACTORY_RUN_DEFAULTS, type RunDefaults } from './runDefaults.logic';
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
  /** Time-out and parallelism of the last run: the dialog's defaults (kept between starts by main.tsx). */
  defaults: RunDefaults;
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

export function createRunStore(defaults: RunDefaults = FACTORY_RUN_DEFAULTS): RunStore {
  return createStore<RunStoreState & RunActions>()((set) => ({
    ...initialRunView,
    dialog: null,
    lastCommand: '',
    defaults,
    openDialog: (dialog) => set({ dialog }),
    closeDialog: () => set({ dialog: null }),
    started: (run, command) =>
      set((state) => ({
        ...runStarted(state, run),
        dialog: null,
        failedOnly: false,
        lastCommand: command,
        defaults: { timeoutSeconds: run.timeoutSeconds, parallel: run.parallel },
      })),
    progress: (event) => set((state) => progressApplied(state, event)),
    finished: (summary) => set((state) => runFinished(state, summary)),
    setFailedOnly: (failedOnly) => set({ failedOnly }),
    toggleExpanded: (hostId) => set((state) => expansionToggled(state, hostId)),
    outputLoaded: (hostId, output) => set((state) => ({ outputs: { ...state.outputs, [hostId]: output } })),
    closePanel: () => set({ ...initialRunView }),
  }));
}
