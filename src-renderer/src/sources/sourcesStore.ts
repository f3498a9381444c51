import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SourceInfo } from '../../../src-preload/api';
import type { MuxdeckClient } from '../bridge/client';

export interface SourcesState {
  sources: SourceInfo[];
  loaded: boolean;
  /** Objects fetched / total of running syncs, by source config id. */
  progress: Record<string, { fetched: number; total: number }>;
  dialogOpen: boolean;
  setDialogOpen(open: boolean): void;
}

export type SourcesStore = StoreApi<SourcesState>;

export function createSourcesStore(): SourcesStore {
  return createStore<SourcesState>()((set) => ({
    sources: [],
    loaded: false,
    progress: {},
    dialogOpen: false,
    setDialogOpen: (open) => set({ dialogOpen: open }),
  }));
}

/** Loads the sources and follows sources:changed / sources:progress; reloads the tree when hosts changed. */
export async function startSources(
  client: MuxdeckClient,
  store: SourcesStore,
  reloadTree: () => Promise<void>,
): Promise<() => void> {
  const stopChanges = client.on('sources:changed', ({ sources, hostsChanged }) => {
    const progress = { ...store.getState().progress };
    for (const source of sources) if (source.state !== 'syncing') delete progress[source.id];
    store.setState({ sources, loaded: true, progress });
    if (hostsChanged) void reloadTree().catch(() => undefined);
  });
  const stopProgress = client.on('sources:progress', ({ id, fetched, total }) => {
    store.setState({ progress: { ...store.getState().progress, [id]: { fetched, total } } });
  });
  const { sources } = await client.invoke('sources:list', {});
  store.setState({ sources, loaded: true });
  return () => {
    stopChanges();
    stopProgress();
  };
}
