import type { Host, SourceStatus } from '../../../src-preload/api';

export interface HostsState {
  hosts: readonly Host[];
  sources: readonly SourceStatus[];
  /** False until the tree's first snapshot, so the tree can say "Loading" rather than "No hosts". */
  loaded: boolean;
}

export const initialHostsState: HostsState = { hosts: [], sources: [], loaded: false };

/** The hosts and sources of a tree snapshot (tree:get). */
export interface LoadedHosts {
  hosts: readonly Host[];
  sources: readonly SourceStatus[];
}

export function hostsLoaded(result: LoadedHosts): HostsState {
  return { hosts: result.hosts, sources: result.sources, loaded: true };
}

export function findHost(state: HostsState, hostId: string): Host | undefined {
  return state.hosts.find((host) => host.id === hostId);
}

/** One line for the status bar: how many sources answered and how many failed. */
export function sourcesSummary(
  all: readonly SourceStatus[],
  clockTime: (at: number) => string = (at) =>
    new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
): string {
  // The user's own hosts are a source to the catalog, not something that syncs or fails.
  const sources = all.filter((source) => source.kind !== 'manual');
  const failed = sources.filter((source) => source.error !== undefined).length;
  const noun = sources.length === 1 ? 'source' : 'sources';
  const head =
    failed === 0 ? `${sources.length} ${noun} ok` : `${failed} of ${sources.length} ${noun} failed`;
  // UX.md's status line: the most recent sync, by name and time ("NetBox prod synced 09:41").
  const latest = sources
    .filter((source) => source.lastSyncAt !== undefined)
    .sort((a, b) => (b.lastSyncAt ?? 0) - (a.lastSyncAt ?? 0))[0];
  return latest?.lastSyncAt === undefined
    ? head
    : `${head} · ${latest.label} synced ${clockTime(latest.lastSyncAt)}`;
}
