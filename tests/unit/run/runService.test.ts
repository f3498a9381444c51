import { describe, expect, it } from 'vitest';
import type { RunHostSummary } from '../../../src-preload/api';
import { RunService } from '../../../src-main/run/runService';
import type { RunTarget } from '../../../src-main/run/runTargets';
import { fakeSpawner, settle, type FakeChild } from '../../fakes/fakeSpawner';
import { manualClock } from '../../fakes/manualClock';

function targets(names: readonly string[]): RunTarget[] {
  return names.map((name) => ({
    hostId: `test:${name}`,
    label: name,
    argv: async (command: string) => ['ssh', '-T', '--', name, command],
  }));
}

function service(spawnerOpts: Parameters<typeof fakeSpawner>[0] = {}, cap?: number) {
  const fake = fakeSpawner(spawnerOpts);
  const time = manualClock();
  let ids = 0;
  const runs = new RunService({
    resolveTargets: async (hostIds) => targets(hostIds.map((id) => id.replace(/^test:/, ''))),
    spawner: fake.spawner,
    env: {},
    clock: time.clock,
    newRunId: () => `run-${++ids}`,
    ...(cap !== undefined ? { outputCapBytes: cap } : {}),
  });
  return { runs, fake, time };
}

const ids = (...names: string[]) => names.map((name) => `test:${name}`);
const byLabel = (hosts: readonly RunHostSummary[], label: string) => hosts.find((h) => h.label === label);
const hostOf = (child: FakeChild) => child.argv[3];

describe('run service', () => {
  it('never runs more hosts at once than the parallel bound, and starts the next as one ends', async () => {
    const { runs, fake } = service();
    const names = Array.from({ length: 10 }, (_, i) => `h${i}`);
    const started = await runs.start({ hostIds: ids(...names), command: 'uptime', parallel: 3 });
    expect(started.hosts.every((h) => h.status === 'pending')).toBe(true);
    let peak = 0;
    for (let round = 0; round < 20 && fake.children.length < 10; round++) {
      await settle();
      peak = Math.max(peak, fake.running().length);
      fake.running()[0]?.end({ code: 0 });
    }
    while (fake.running().length > 0) {
      fake.running()[0]?.end({ code: 0 });
      await settle();
    }
    const done = await runs.finished(started.runId);
    expect(peak).toBe(3);
    expect(fake.children).toHaveLength(10);
    expect(done.hosts.map((h) => h.status)).toEqual(Array(10).fill('ok'));
  });

  it('a host that never answers times out alone: the others finish and report', async () => {
    const { runs, fake, time } = service({
      onSpawn: (child) => {
        if (hostOf(child) === 'slow') return;
        child.stdout(`hello from ${hostOf(child)}\n`);
        child.end({ code: 0 });
      },
    });
    const run = await runs.start({ hostIds: ids('a', 'slow', 'b'), command: 'hostname', timeoutSeconds: 5 });
    await settle(10);
    const mid = runs.get(run.runId);
    expect(byLabel(mid.hosts, 'a')?.status).toBe('ok');
    expect(byLabel(mid.hosts, 'b')?.status).toBe('ok');
    expect(byLabel(mid.hosts, 'slow')?.status).toBe('running');
    time.advance(5_000);
    const done = await runs.finished(run.runId);
    const slow = byLabel(done.hosts, 'slow');
    expect(slow?.status).toBe('timeout');
    expect(slow?.error).toBe('No result within 5 s');
    expect(slow?.exitCode).toBeUndefined();
    expect(fake.children.find((c) => hostOf(c) === 'slow')?.signals).toEqual(['SIGTERM']);
    expect(byLabel(done.hosts, 'a')?.firstLine).toBe('hello from a');
  });

  it('kills with SIGKILL a host that ignores SIGTERM after the grace period', async () => {
    const { runs, fake, time } = service({ ignoreTerm: true });
    const run = await runs.start({ hostIds: ids('stuck'), command: 'sleep 100', timeoutSeconds: 1 });
    await settle();
    time.advance(1_000);
    await settle();
    expect(fake.children[0]?.signals).toEqual(['SIGTERM']);
    time.advance(2_000);
    const done = await runs.finished(run.runId);
    expect(fake.children[0]?.signals).toEqual(['SIGTERM', 'SIGKILL']);
    expect(done.hosts[0]?.status).toBe('timeout');
  });

  it('cancel stops running hosts and never starts the waiting ones', async () => {
    const { runs, fake } = service();
    const run = await runs.start({ hostIds: ids('a', 'b', 'c', 'd'), command: 'x', parallel: 2 });
    await settle();
    expect(fake.children).toHaveLength(2);
    expect(runs.cancel(run.runId)).toBe(true);
    const done = await runs.finished(run.runId);
    expect(fake.children).toHaveLength(2);
    expect(fake.children.every((c) => c.signals.includes('SIGTERM'))).toBe(true);
    expect(done.hosts.map((h) => h.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(done.cancelled).toBe(true);
    expect(runs.cancel(run.runId)).toBe(false);
  });

  it('keeps at most the cap of each stream and says it truncated', async () => {
    const { runs } = service(
      {
        onSpawn: (child) => {
          child.stdout('x'.repeat(60));
          child.stdout('y'.repeat(60));
          child.stderr('short\n');
          child.end({ code: 0 });
        },
      },
      100,
    );
    const run = await runs.start({ hostIds: ids('big'), command: 'cat big' });
    const done = await runs.finished(run.runId);
    const host = done.hosts[0];
    expect(host?.stdoutBytes).toBe(120);
    expect(host?.truncated).toBe(true);
    const output = runs.output(run.runId, 'test:big');
    expect(output.stdout).toBe('x'.repeat(60) + 'y'.repeat(40));
    expect(output.stdoutTruncated).toBe(true);
    expect(output.stderr).toBe('short\n');
    expect(output.stderrTruncated).toBe(false);
  });

  it('tells a failed command from an unreachable host and a refused one', async () => {
    const { runs } = service({
      onSpawn: (child) => {
        const host = hostOf(child);
        if (host === 'down') {
          child.stderr('ssh: connect to host 127.0.0.1 port 1: Connection refused\r\n');
          child.end({ code: 255 });
        } else if (host === 'exit255') {
          child.stderr('my script failed\n');
          child.end({ code: 255 });
        } else if (host === 'denied') {
          child.stderr('ada@10.0.0.1: Permission denied (publickey).\n');
          child.end({ code: 255 });
        } else {
          child.stderr('grep: nothing\n');
          child.end({ code: 2 });
        }
      },
    });
    const run = await runs.start({ hostIds: ids('down', 'exit255', 'denied', 'fails'), command: 'x' });
    const done = await runs.finished(run.runId);
    expect(byLabel(done.hosts, 'down')).toMatchObject({ status: 'unreachable', error: 'Connection refused' });
    expect(byLabel(done.hosts, 'denied')).toMatchObject({
      status: 'unreachable',
      error: 'Permission denied (publickey)',
    });
    expect(byLabel(done.hosts, 'exit255')).toMatchObject({ status: 'failed', exitCode: 255 });
    expect(byLabel(done.hosts, 'fails')).toMatchObject({
      status: 'failed',
      exitCode: 2,
      firstLine: 'grep: nothing',
    });
  });

  it('reports progress as hosts start and end, and the final summary once', async () => {
    const { runs } = service({ onSpawn: (child) => child.end({ code: 0 }) });
    const events: string[] = [];
    const finished: number[] = [];
    const run = await runs.start(
      { hostIds: ids('a', 'b'), command: 'true' },
      {
        progress: (e) => events.push(`${e.host.label}:${e.host.status}:${e.completed}/${e.total}`),
        finished: (s) => finished.push(s.hosts.length),
      },
    );
    // Nothing is reported before the caller has the run's id.
    expect(events).toEqual([]);
    await runs.finished(run.runId);
    expect(events).toContain('a:running:0/2');
    expect(events.filter((e) => e.endsWith('2/2'))).toHaveLength(1);
    expect(finished).toEqual([2]);
  });

  it('a host with a problem is failed without starting ssh; duplicates run once', async () => {
    const fake = fakeSpawner({ onSpawn: (child) => child.end({ code: 0 }) });
    const time = manualClock();
    const runs = new RunService({
      resolveTargets: async (hostIds) =>
        hostIds.map((id) =>
          id === 'bad'
            ? { hostId: id, label: '-oProxyCommand=x', problem: 'Refusing to run on "-oProxyCommand=x"' }
            : { hostId: id, label: id, argv: async () => ['ssh', '--', id, 'true'] },
        ),
      spawner: fake.spawner,
      env: {},
      clock: time.clock,
    });
    const run = await runs.start({ hostIds: ['bad', 'ok', 'ok'], command: 'true' });
    const done = await runs.finished(run.runId);
    expect(done.hosts).toHaveLength(2);
    expect(done.hosts[0]).toMatchObject({ status: 'failed', error: 'Refusing to run on "-oProxyCommand=x"' });
    expect(fake.children.map((c) => c.argv[2])).toEqual(['ok']);
  });

  it('a run that names no time-out or parallelism takes the settings as they are at its start', async () => {
    const fake = fakeSpawner();
    const time = manualClock();
    let settings = { timeoutSeconds: 7, parallel: 2 };
    const runs = new RunService({
      resolveTargets: async (hostIds) => targets(hostIds.map((id) => id.replace(/^test:/, ''))),
      spawner: fake.spawner,
      env: {},
      clock: time.clock,
      defaults: () => settings,
    });
    const first = await runs.start({ hostIds: ids('a', 'b', 'c'), command: 'x' });
    expect([first.timeoutSeconds, first.parallel]).toEqual([7, 2]);
    await settle();
    expect(fake.running()).toHaveLength(2);
    settings = { timeoutSeconds: 9, parallel: 5 };
    const second = await runs.start({ hostIds: ids('d'), command: 'x', parallel: 1 });
    expect([second.timeoutSeconds, second.parallel]).toEqual([9, 1]);
    runs.dispose();
  });
});
