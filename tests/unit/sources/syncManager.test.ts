import { describe, expect, it } from 'vitest';
import type { ManagedSource } from '../../../src-main/sources/sourceRunner';
import { SyncManager } from '../../../src-main/sources/syncManager';
import { diffHosts } from '../../../src-main/sources/hostDiff';
import { FakeClock, host, MemoryCache, quietLogger, ScriptedRunner, settle } from './fakes';

const SOURCE_ID = 'netbox:lab';

function setup(opts: { intervalMs?: number; retryDelaysMs?: number[] } = {}) {
  const clock = new FakeClock();
  const cache = new MemoryCache();
  const runner = new ScriptedRunner();
  const manager = new SyncManager({
    clock,
    cache,
    logger: quietLogger,
    retryDelaysMs: opts.retryDelaysMs ?? [1_000, 10_000],
  });
  const source: ManagedSource = {
    id: 'lab',
    sourceId: SOURCE_ID,
    kind: 'netbox',
    label: 'Lab',
    enabled: true,
    intervalMs: opts.intervalMs ?? 60_000,
    runner,
  };
  return { clock, cache, runner, manager, source };
}

const names = (manager: SyncManager) => manager.runtime('lab')?.hosts.map((h) => h.label) ?? [];

describe('SyncManager', () => {
  it('shows the cached hosts at start, before the first sync has finished', async () => {
    const { clock, cache, runner, manager, source } = setup();
    cache.entries.set('lab', {
      format: 'muxdeck-source-cache',
      version: 1,
      sourceId: SOURCE_ID,
      syncedAt: 123,
      hosts: [host(SOURCE_ID, 'cached-1'), host(SOURCE_ID, 'cached-2')],
      warnings: [],
    });
    runner.outcomes.push('hang');
    await manager.add(source);
    expect(names(manager)).toEqual(['cached-1', 'cached-2']);
    expect(manager.runtime('lab')?.lastSyncAt).toBe(123);
    await clock.advance(0);
    expect(manager.runtime('lab')?.state).toBe('syncing');
    expect(names(manager)).toEqual(['cached-1', 'cached-2']);
    manager.dispose();
  });

  it('keeps the last good hosts when a sync fails, marks the source stale with the error, and retries', async () => {
    const { clock, cache, runner, manager, source } = setup();
    runner.outcomes.push({ hosts: [host(SOURCE_ID, 'a'), host(SOURCE_ID, 'b')], warnings: [] });
    await manager.add(source);
    await clock.advance(0);
    expect(manager.runtime('lab')?.state).toBe('ok');
    expect(cache.entries.get('lab')?.hosts).toHaveLength(2);

    runner.outcomes.push(new Error('NetBox answered 502 Bad Gateway'));
    manager.syncNow('lab');
    await settle();
    const runtime = manager.runtime('lab');
    expect(runtime?.state).toBe('stale');
    expect(runtime?.error).toBe('NetBox answered 502 Bad Gateway');
    expect(names(manager)).toEqual(['a', 'b']);
    expect(cache.entries.get('lab')?.hosts.map((h) => h.label)).toEqual(['a', 'b']);
    expect(cache.writes).toBe(1);

    // First retry after 1 s fails again, the next one after 10 s succeeds.
    runner.outcomes.push(new Error('still down'), { hosts: [host(SOURCE_ID, 'a')], warnings: [] });
    await clock.advance(999);
    expect(runner.calls).toBe(2);
    await clock.advance(1);
    expect(runner.calls).toBe(3);
    expect(manager.runtime('lab')?.error).toBe('still down');
    await clock.advance(10_000);
    expect(runner.calls).toBe(4);
    expect(manager.runtime('lab')?.state).toBe('ok');
    expect(manager.runtime('lab')?.error).toBeUndefined();
    expect(names(manager)).toEqual(['a']);
    manager.dispose();
  });

  it('marks a source that never synced as error, with no hosts', async () => {
    const { clock, runner, manager, source } = setup();
    runner.outcomes.push(new Error('401 Unauthorized'));
    await manager.add(source);
    await clock.advance(0);
    expect(manager.runtime('lab')?.state).toBe('error');
    expect(manager.runtime('lab')?.hosts).toEqual([]);
  });

  it('reports what each sync added, removed and changed', async () => {
    const { clock, runner, manager, source } = setup();
    runner.outcomes.push(
      { hosts: [host(SOURCE_ID, 'a'), host(SOURCE_ID, 'b'), host(SOURCE_ID, 'c')], warnings: [] },
      {
        hosts: [host(SOURCE_ID, 'a'), host(SOURCE_ID, 'c', { port: 2222 }), host(SOURCE_ID, 'd')],
        warnings: [],
      },
    );
    await manager.add(source);
    await clock.advance(0);
    expect(manager.runtime('lab')?.lastDiff).toMatchObject({ added: 3, removed: 0, changed: 0 });
    await clock.advance(60_000);
    expect(manager.runtime('lab')?.lastDiff).toMatchObject({
      added: 1,
      removed: 1,
      changed: 1,
      addedLabels: ['d'],
      removedLabels: ['b'],
      changedLabels: ['c'],
    });
  });

  it('syncs again on its interval, and a change during a sync runs one more sync after it', async () => {
    const { clock, runner, manager, source } = setup({ intervalMs: 5_000 });
    runner.outcomes.push({ hosts: [], warnings: [] }, { hosts: [host(SOURCE_ID, 'x')], warnings: [] });
    await manager.add(source);
    await clock.advance(0);
    expect(runner.calls).toBe(1);
    await clock.advance(5_000);
    expect(runner.calls).toBe(2);
    expect(names(manager)).toEqual(['x']);
    expect(clock.pending()).toContain(5_000);
  });

  it('debounces watched changes into one sync', async () => {
    const { clock, runner, manager, source } = setup({ intervalMs: 0 });
    let changed: () => void = () => undefined;
    runner.watch = (onChange: () => void) => {
      changed = onChange;
      return () => undefined;
    };
    for (let i = 0; i < 3; i++) runner.outcomes.push({ hosts: [host(SOURCE_ID, `h${i}`)], warnings: [] });
    await manager.add(source);
    await clock.advance(0);
    expect(runner.calls).toBe(1);
    changed();
    await clock.advance(300);
    changed();
    await clock.advance(300);
    changed();
    await clock.advance(999);
    expect(runner.calls).toBe(1);
    await clock.advance(1);
    expect(runner.calls).toBe(2);
    expect(names(manager)).toEqual(['h1']);
  });

  it('never lets a sync that was cancelled by an update or removal write its result', async () => {
    const { clock, cache, runner, manager, source } = setup();
    runner.outcomes.push('hang');
    await manager.add(source);
    await clock.advance(0);
    const signal = runner.lastSignal;
    await manager.remove('lab');
    expect(signal?.aborted).toBe(true);
    expect(manager.runtime('lab')).toBeUndefined();
    expect(cache.entries.has('lab')).toBe(false);
  });

  it('cancels a running sync on request: the hosts, state and schedule stay as they were', async () => {
    const { clock, runner, manager, source } = setup({ intervalMs: 60_000 });
    runner.outcomes.push({ hosts: [host(SOURCE_ID, 'a')], warnings: [] });
    await manager.add(source);
    await clock.advance(0);
    const syncedAt = manager.runtime('lab')?.lastSyncAt;

    runner.outcomes.push('wait');
    manager.syncNow('lab');
    expect(manager.runtime('lab')?.state).toBe('syncing');
    expect(manager.cancelSync('lab')).toBe(true);
    await settle();
    expect(runner.lastSignal?.aborted).toBe(true);
    const runtime = manager.runtime('lab');
    expect(runtime?.state).toBe('ok');
    expect(runtime?.error).toBeUndefined();
    expect(runtime?.progress).toBeUndefined();
    expect(runtime?.lastSyncAt).toBe(syncedAt);
    expect(names(manager)).toEqual(['a']);
    expect(manager.cancelSync('lab')).toBe(false);

    // The next sync still comes on the source's interval.
    runner.outcomes.push({ hosts: [host(SOURCE_ID, 'a'), host(SOURCE_ID, 'b')], warnings: [] });
    await clock.advance(60_000);
    expect(names(manager)).toEqual(['a', 'b']);
    manager.dispose();
  });

  it('a disabled source does not sync and is not active', async () => {
    const { clock, runner, manager, source } = setup();
    await manager.add({ ...source, enabled: false });
    await clock.advance(120_000);
    expect(runner.calls).toBe(0);
    expect(manager.active()).toEqual([]);
    expect(manager.syncNow('lab')).toBe(false);
  });

  it('ignores a cache written for another source id', async () => {
    const { cache, manager, source, runner } = setup();
    runner.outcomes.push('hang');
    cache.entries.set('lab', {
      format: 'muxdeck-source-cache',
      version: 1,
      sourceId: 'ansible:lab',
      syncedAt: 1,
      hosts: [host('ansible:lab', 'other')],
      warnings: [],
    });
    await manager.add(source);
    expect(names(manager)).toEqual([]);
    manager.dispose();
  });
});

describe('diffHosts', () => {
  it('sees a host moved to another group as changed', () => {
    const before = [host('s', 'a', { groups: ['web'] })];
    const after = [host('s', 'a', { groups: ['web'], otherGroups: [['db']] })];
    expect(diffHosts(before, after, 0)).toMatchObject({ added: 0, removed: 0, changed: 1 });
    expect(diffHosts(after, after, 0)).toMatchObject({ added: 0, removed: 0, changed: 0 });
  });
});
