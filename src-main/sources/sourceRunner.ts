import type { Host } from '../../src-preload/api';

/** What one sync of a source produced: every host, or nothing (a runner throws rather than return half). */
export interface SyncedHosts {
  hosts: Host[];
  /** Things the user should know that did not stop the sync (a skipped host, a renamed filter...). */
  warnings: string[];
}

export interface SyncRunOptions {
  signal: AbortSignal;
  onProgress: (progress: { fetched: number; total: number }) => void;
}

/** One configured source as the SyncManager drives it; built per configuration by sourceRunners.ts. */
export interface SourceRunner {
  sync(options: SyncRunOptions): Promise<SyncedHosts>;
  /** Calls onChange when the source's input changed (Ansible files); returns the function that stops. */
  watch?(onChange: () => void): () => void;
}

/** A source the SyncManager runs: identity, schedule and the runner. */
export interface ManagedSource {
  /** Configuration id (store). */
  id: string;
  /** Tree source id, `<kind>:<id>`: every host id starts with it. */
  sourceId: string;
  kind: 'ansible' | 'netbox';
  label: string;
  enabled: boolean;
  /** 0: no periodic sync. */
  intervalMs: number;
  runner: SourceRunner;
  /** Where it reads from, for the tree's tooltip. */
  location?: string;
}
