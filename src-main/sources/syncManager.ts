import type { Host, SourceDiff, SourceSyncState } from '../../src-preload/api';
import { Emitter } from '../common/emitter';
import type { Clock, Logger } from '../ports';
import { diffHosts, diffSummary } from './hostDiff';
import type { ManagedSource } from './sourceRunner';
import type { SyncCache } from './syncCache';

/** What the Sources page shows of one source at run time. */
export interface SourceRuntime {
  id: string;
  sourceId: string;
  state: SourceSyncState;
  hosts: readonly Host[];
  /** By id: a connection looks its host up here, never re-reading the inventory. */
  byId: ReadonlyMap<string, Host>;
  lastSyncAt?: number;
  lastAttemptAt?: number;
  nextSyncAt?: number;
  error?: string;
  warnings: string[];
  progress?: { fetched: number; total: number };
  lastDiff?: SourceDiff;
}

export interface SyncManagerDeps {
  clock: Clock;
  cache: SyncCache;
  logger: Logger;
  /** Waits after the 1st, 2nd... failure in a row; the last one repeats (capped by the source's interval). */
  retryDelaysMs?: readonly number[];
  /** Quiet time after a watched file changed before syncing (editors write in several steps). */
  watchDebounceMs?: number;
}

export interface SyncChange {
  /** Config id of the source that changed. */
  id: string;
  /** Its hosts (or its stale/error mark) changed: the tree must reload them. */
  hostsChanged: boolean;
}

export const DEFAULT_RETRY_DELAYS_MS = [15_000, 60_000, 5 * 60_000, 15 * 60_000] as const;

interface Entry {
  source: ManagedSource;
  runtime: SourceRuntime;
  failures: number;
  timer?: { cancel(): void };
  debounce?: { cancel(): void };
  stopWatching?: () => void;
  running?: { abort: AbortController; done: Promise<void> };
  /** A change arrived while syncing: sync again once this one ends. */
  again: boolean;
  /** Bumped by update/remove: a sync that started before must not write its result. */
  generation: number;
  /** The user stopped the running sync: it ends as if it never started. */
  cancelled?: boolean;
}

/**
 * Runs every enabled source in the background: at start (after the last good hosts were read from
 * the cache, so the tree appears at once and offline), on its interval, on "sync now", and on file
 * changes. A failed sync keeps the last good hosts, marks the source stale with the error and retries
 * with growing delays. Nothing here ever waits for a sync on behalf of the UI or a session.
 */
export class SyncManager {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new Emitter<SyncChange>();
  private readonly progressed = new Emitter<{ id: string; fetched: number; total: number }>();
  readonly onDidChange = this.changed.on.bind(this.changed);
  readonly onProgress = this.progressed.on.bind(this.progressed);
  private disposed = false;

  constructor(private readonly deps: SyncManagerDeps) {}

  /** Registers a source with its cached hosts; its first sync starts right after, in the background. */
  async add(source: ManagedSource): Promise<void> {
    const cached = await this.deps.cache.read(source.id).catch(() => undefined);
    const hosts = cached && cached.sourceId === source.sourceId ? cached.hosts : [];
    const entry: Entry = {
      source,
      runtime: {
        id: source.id,
        sourceId: source.sourceId,
        state: source.enabled ? 'pending' : 'disabled',
        hosts,
        byId: indexHosts(hosts),
        warnings: cached?.warnings ?? [],
        ...(cached ? { lastSyncAt: cached.syncedAt } : {}),
      },
      failures: 0,
      again: false,
      generation: 0,
    };
    this.entries.get(source.id)?.stopWatching?.();
    this.entries.set(source.id, entry);
    this.activate(entry);
    this.changed.fire({ id: source.id, hostsChanged: true });
  }

  /** New settings for a source: its last good hosts stay until the next sync (started now) replaces them. */
  update(source: ManagedSource): void {
    const entry = this.entries.get(source.id);
    if (!entry) throw new Error(`no source ${source.id}`);
    this.deactivate(entry);
    entry.generation++;
    entry.source = source;
    entry.failures = 0;
    entry.runtime.state = source.enabled ? 'pending' : 'disabled';
    delete entry.runtime.error;
    delete entry.runtime.progress;
    delete entry.runtime.nextSyncAt;
    if (source.sourceId !== entry.runtime.sourceId) {
      entry.runtime.sourceId = source.sourceId;
      entry.runtime.hosts = [];
      entry.runtime.byId = new Map();
    }
    this.activate(entry);
    this.changed.fire({ id: source.id, hostsChanged: true });
  }

  async remove(id: string): Promise<boolean> {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.deactivate(entry);
    entry.generation++;
    this.entries.delete(id);
    await this.deps.cache.remove(id).catch(() => undefined);
    this.changed.fire({ id, hostsChanged: true });
    return true;
  }

  /** Starts a sync now (or right after the running one); false for an unknown or disabled source. */
  syncNow(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry || !entry.source.enabled) return false;
    this.start(entry);
    return true;
  }

  /** Stops a running sync (UX.md: long work can be cancelled); the source keeps the hosts it had. */
  cancelSync(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry?.running) return false;
    entry.again = false;
    entry.cancelled = true;
    entry.running.abort.abort();
    return true;
  }

  /** Resolves when no sync is running (tests, benchmarks, shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      const running = [...this.entries.values()].flatMap((e) => (e.running ? [e.running.done] : []));
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  runtime(id: string): SourceRuntime | undefined {
    return this.entries.get(id)?.runtime;
  }

  /** Enabled sources, in the order they were added. */
  active(): Array<{ source: ManagedSource; runtime: SourceRuntime }> {
    return [...this.entries.values()]
      .filter((entry) => entry.source.enabled)
      .map(({ source, runtime }) => ({ source, runtime }));
  }

  dispose(): void {
    this.disposed = true;
    for (const entry of this.entries.values()) this.deactivate(entry);
  }

  private activate(entry: Entry): void {
    if (!entry.source.enabled || this.disposed) return;
    const runner = entry.source.runner;
    if (runner.watch) {
      try {
        entry.stopWatching = runner.watch(() => this.changedOnDisk(entry));
      } catch (error) {
        this.deps.logger.warn('cannot watch a source', { source: entry.source.id, error: String(error) });
      }
    }
    this.schedule(entry, 0);
  }

  private deactivate(entry: Entry): void {
    entry.timer?.cancel();
    entry.debounce?.cancel();
    entry.stopWatching?.();
    delete entry.timer;
    delete entry.debounce;
    delete entry.stopWatching;
    entry.running?.abort.abort();
    entry.again = false;
  }

  private changedOnDisk(entry: Entry): void {
    entry.debounce?.cancel();
    entry.debounce = this.deps.clock.setTimeout(() => {
      delete entry.debounce;
      this.start(entry);
    }, this.deps.watchDebounceMs ?? 1_000);
  }

  private schedule(entry: Entry, delayMs: number): void {
    entry.timer?.cancel();
    entry.runtime.nextSyncAt = this.deps.clock.now() + delayMs;
    entry.timer = this.deps.clock.setTimeout(() => {
      delete entry.timer;
      this.start(entry);
    }, delayMs);
  }

  private start(entry: Entry): void {
    if (this.disposed || this.entries.get(entry.source.id) !== entry) return;
    if (entry.running) {
      entry.again = true;
      return;
    }
    entry.timer?.cancel();
    delete entry.timer;
    delete entry.runtime.nextSyncAt;
    const abort = new AbortController();
    const done = this.run(entry, abort).finally(() => {
      delete entry.running;
      if (entry.again && !this.disposed) {
        entry.again = false;
        this.start(entry);
      }
    });
    entry.running = { abort, done };
  }

  private async run(entry: Entry, abort: AbortController): Promise<void> {
    const generation = entry.generation;
    const { source, runtime } = entry;
    const started = this.deps.clock.now();
    runtime.state = 'syncing';
    runtime.lastAttemptAt = started;
    runtime.progress = { fetched: 0, total: 0 };
    this.changed.fire({ id: source.id, hostsChanged: false });
    try {
      const result = await source.runner.sync({
        signal: abort.signal,
        onProgress: ({ fetched, total }) => {
          if (entry.generation !== generation) return;
          runtime.progress = { fetched, total };
          this.progressed.fire({ id: source.id, fetched, total });
        },
      });
      if (entry.generation !== generation || abort.signal.aborted) return this.endCancelled(entry);
      const now = this.deps.clock.now();
      const diff = diffHosts(runtime.hosts, result.hosts, now);
      // The cache is replaced only by a complete result; a failed write leaves the previous one.
      await this.deps.cache
        .write(source.id, {
          format: 'muxdeck-source-cache',
          version: 1,
          sourceId: source.sourceId,
          syncedAt: now,
          hosts: result.hosts,
          warnings: result.warnings,
        })
        .catch((error: unknown) =>
          this.deps.logger.warn('cannot write the source cache', { source: source.id, error: String(error) }),
        );
      if (entry.generation !== generation) return;
      runtime.hosts = result.hosts;
      runtime.byId = indexHosts(result.hosts);
      runtime.warnings = result.warnings;
      runtime.lastSyncAt = now;
      runtime.lastDiff = diff;
      runtime.state = 'ok';
      delete runtime.error;
      delete runtime.progress;
      entry.failures = 0;
      this.deps.logger.info('source synced', {
        source: source.id,
        hosts: result.hosts.length,
        diff: diffSummary(diff),
        ms: now - started,
      });
      if (source.intervalMs > 0) this.schedule(entry, source.intervalMs);
    } catch (error) {
      if (entry.generation !== generation || abort.signal.aborted) return this.endCancelled(entry);
      entry.failures++;
      runtime.error = error instanceof Error ? error.message : String(error);
      runtime.state = runtime.lastSyncAt !== undefined || runtime.hosts.length > 0 ? 'stale' : 'error';
      delete runtime.progress;
      this.deps.logger.warn('source sync failed', { source: source.id, error: runtime.error });
      this.schedule(entry, this.retryDelay(entry));
    }
    this.changed.fire({ id: source.id, hostsChanged: true });
  }

  /** After a sync the user cancelled: the state it had before, and the next sync on its schedule. */
  private endCancelled(entry: Entry): void {
    if (!entry.cancelled) return;
    entry.cancelled = false;
    const { runtime } = entry;
    delete runtime.progress;
    if (runtime.error !== undefined) runtime.state = runtime.hosts.length > 0 ? 'stale' : 'error';
    else runtime.state = runtime.lastSyncAt !== undefined ? 'ok' : 'pending';
    this.deps.logger.info('source sync cancelled', { source: entry.source.id });
    if (entry.source.intervalMs > 0) this.schedule(entry, entry.source.intervalMs);
    this.changed.fire({ id: entry.source.id, hostsChanged: false });
  }

  private retryDelay(entry: Entry): number {
    const delays = this.deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const delay = delays[Math.min(entry.failures, delays.length) - 1] ?? 60_000;
    const interval = entry.source.intervalMs;
    return interval > 0 ? Math.min(delay, interval) : delay;
  }
}

function indexHosts(hosts: readonly Host[]): Map<string, Host> {
  return new Map(hosts.map((host) => [host.id, host]));
}
