import type { Host } from '../../../src-preload/api';
import type { Clock, Logger } from '../../../src-main/ports';
import type { SourceRunner, SyncedHosts, SyncRunOptions } from '../../../src-main/sources/sourceRunner';
import type { CacheEntry, SyncCache } from '../../../src-main/sources/syncCache';

/** A clock whose time moves only when the test says so; timers fire in due order. */
export class FakeClock implements Clock {
  private time = 1_700_000_000_000;
  private timers: Array<{ at: number; fn: () => void; cancelled: boolean }> = [];
  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number) {
    const timer = { at: this.time + ms, fn, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }
  /** Moves time forward, firing every timer that falls due, and lets their promises settle. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => !t.cancelled && t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      due.cancelled = true;
      this.time = Math.max(this.time, due.at);
      due.fn();
      await settle();
    }
    this.time = until;
    await settle();
  }
  pending(): number[] {
    return this.timers.filter((t) => !t.cancelled).map((t) => t.at - this.time);
  }
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

export class MemoryCache implements SyncCache {
  readonly entries = new Map<string, CacheEntry>();
  writes = 0;
  read(id: string) {
    return Promise.resolve(this.entries.get(id));
  }
  write(id: string, entry: CacheEntry) {
    this.writes++;
    this.entries.set(id, structuredClone(entry));
    return Promise.resolve();
  }
  remove(id: string) {
    this.entries.delete(id);
    return Promise.resolve();
  }
}

/** A source whose next syncs the test scripts: hosts, a failure, or a sync that waits. */
export class ScriptedRunner implements SourceRunner {
  /** 'hang' never ends; 'wait' ends only when the sync is aborted, as real runners do. */
  readonly outcomes: Array<SyncedHosts | Error | 'hang' | 'wait'> = [];
  calls = 0;
  lastSignal: AbortSignal | undefined;
  watch?: (onChange: () => void) => () => void;
  sync(options: SyncRunOptions): Promise<SyncedHosts> {
    this.calls++;
    this.lastSignal = options.signal;
    const next = this.outcomes.shift() ?? new Error('no scripted outcome');
    if (next === 'hang') return new Promise(() => undefined);
    if (next === 'wait')
      return new Promise((_, reject) =>
        options.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
      );
    if (next instanceof Error) return Promise.reject(next);
    options.onProgress({ fetched: next.hosts.length, total: next.hosts.length });
    return Promise.resolve(next);
  }
}

export function host(sourceId: string, name: string, extra: Partial<Host> = {}): Host {
  return {
    id: `${sourceId}:${name}`,
    label: name,
    address: `${name}.example.net`,
    sourceId,
    groups: [],
    ...extra,
  };
}

export const quietLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
