import {
  isRunFailure,
  type EventPayload,
  type RunHostOutput,
  type RunHostSummary,
  type RunStatus,
  type RunSummary,
} from '../../../../src-preload/api';

/** The results panel: the latest run, what the user expanded and filtered. */
export interface RunViewState {
  run: RunSummary | null;
  failedOnly: boolean;
  /** Host ids whose full output is shown. */
  expanded: readonly string[];
  /** Full output per host id, fetched when a row is first expanded. */
  outputs: Readonly<Record<string, RunHostOutput | 'loading' | { error: string }>>;
}

export const initialRunView: RunViewState = { run: null, failedOnly: false, expanded: [], outputs: {} };

export function runStarted(state: RunViewState, run: RunSummary): RunViewState {
  return { ...state, run, expanded: [], outputs: {} };
}

/** A host's new status; events of another run (an older one still ending) are ignored. */
export function progressApplied(state: RunViewState, event: EventPayload<'run:progress'>): RunViewState {
  if (!state.run || state.run.runId !== event.runId) return state;
  const hosts = state.run.hosts.map((host) => (host.hostId === event.host.hostId ? event.host : host));
  return { ...state, run: { ...state.run, hosts } };
}

export function runFinished(state: RunViewState, summary: RunSummary): RunViewState {
  if (!state.run || state.run.runId !== summary.runId) return state;
  return { ...state, run: summary };
}

export function expansionToggled(state: RunViewState, hostId: string): RunViewState {
  const open = state.expanded.includes(hostId);
  return {
    ...state,
    expanded: open ? state.expanded.filter((id) => id !== hostId) : [...state.expanded, hostId],
  };
}

export function visibleHosts(run: RunSummary, failedOnly: boolean): RunHostSummary[] {
  return failedOnly ? run.hosts.filter((host) => isRunFailure(host.status)) : run.hosts;
}

export function failedHostIds(run: RunSummary): string[] {
  return run.hosts.filter((host) => isRunFailure(host.status)).map((host) => host.hostId);
}

export interface RunProgress {
  completed: number;
  total: number;
  counts: Partial<Record<RunStatus, number>>;
}

export function runProgress(run: RunSummary): RunProgress {
  const counts: Partial<Record<RunStatus, number>> = {};
  for (const host of run.hosts) counts[host.status] = (counts[host.status] ?? 0) + 1;
  const waiting = (counts.pending ?? 0) + (counts.running ?? 0);
  return { completed: run.hosts.length - waiting, total: run.hosts.length, counts };
}

/** "3/5 done · 2 ok · 1 timeout" */
export function progressText(run: RunSummary): string {
  const { completed, total, counts } = runProgress(run);
  const order: RunStatus[] = ['ok', 'failed', 'timeout', 'unreachable', 'cancelled', 'running'];
  const parts = order.filter((status) => counts[status]).map((status) => `${counts[status]} ${status}`);
  return [`${completed}/${total} done`, ...parts].join(' · ');
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** What the grid's output column says: the first line, or why there is none. */
export function outputSummary(host: RunHostSummary): string {
  if (host.status === 'ok' || host.status === 'failed') return host.firstLine || host.error || '';
  return host.error ?? host.firstLine;
}
