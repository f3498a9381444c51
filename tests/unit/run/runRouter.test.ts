import { describe, expect, it } from 'vitest';
import type { ApiResponse, EventMessage, RunSummary } from '../../../src-preload/api';
import { createRouter, type Handlers } from '../../../src-main/router/router';
import { createRunHandlers } from '../../../src-main/router/runHandlers';
import { RunService } from '../../../src-main/run/runService';
import { fakeSpawner, settle } from '../../fakes/fakeSpawner';
import { manualClock } from '../../fakes/manualClock';

/** The run channels through the real router and run service; only ssh is a fake. */
function harness() {
  const fake = fakeSpawner({
    onSpawn: (child) => {
      const host = child.argv[2] ?? '';
      if (host.startsWith('ok')) {
        child.stdout(`up on ${host}\n`);
        child.end({ code: 0 });
      } else if (host.startsWith('bad')) {
        child.stderr('no such file\n');
        child.end({ code: 1 });
      }
    },
  });
  const time = manualClock();
  const runs = new RunService({
    resolveTargets: async (ids) =>
      ids.map((hostId) => ({
        hostId,
        label: hostId.replace(/^t:/, ''),
        argv: async (command: string) => ['ssh', '--', hostId.replace(/^t:/, ''), command],
      })),
    spawner: fake.spawner,
    env: {},
    clock: time.clock,
  });
  const router = createRouter({
    handlers: createRunHandlers(runs) as Handlers,
    logger: { info() {}, warn() {}, error() {} },
  });
  const connect = () => {
    const events: EventMessage[] = [];
    const connection = router.connect((message) => events.push(message));
    return { events, invoke: (channel: string, payload: unknown) => connection.invoke(channel, payload) };
  };
  return { fake, time, connect };
}

const result = <T>(response: ApiResponse): T => {
  if (!response.ok) throw new Error(response.error.message);
  return response.result as T;
};

describe('run channels', () => {
  it('refuses bad requests with a reason and starts nothing', async () => {
    const h = harness();
    const window = h.connect();
    const cases: Array<[unknown, RegExp]> = [
      [{ hostIds: ['t:ok1'], command: '   ' }, /a command is required/],
      [{ hostIds: [], command: 'ls' }, /select at least one host/],
      [{ hostIds: ['t:ok1'], command: 'x'.repeat(40_000) }, /at most 32768 characters/],
      [{ hostIds: ['t:ok1'], command: 'a\u0000b' }, /NUL/],
      [{ hostIds: ['t:ok1'], command: 'ls', parallel: 0 }, /parallel/],
      [{ hostIds: ['t:ok1'], command: 'ls', timeoutSeconds: 1.5 }, /timeoutSeconds/],
      [{ hostIds: ['t:ok1'], command: 'ls', shell: '/bin/sh' }, /Unrecognized key/],
    ];
    for (const [payload, message] of cases) {
      const response = await window.invoke('run:start', payload);
      expect(response.ok).toBe(false);
      if (!response.ok) {
        expect(response.error.code).toBe('INVALID_PAYLOAD');
        expect(response.error.message).toMatch(message);
      }
    }
    expect(h.fake.children).toHaveLength(0);
  });

  it('answers before any progress, reports to the starting window only, and serves output and exports', async () => {
    const h = harness();
    const mine = h.connect();
    const other = h.connect();
    const started = result<RunSummary>(
      await mine.invoke('run:start', { hostIds: ['t:ok1', 't:bad1'], command: 'uptime' }),
    );
    expect(started.timeoutSeconds).toBe(30);
    expect(started.parallel).toBe(16);
    expect(mine.events).toHaveLength(0);
    await settle(10);
    const finished = mine.events.find((e) => e.event === 'run:finished');
    expect(finished?.payload).toMatchObject({ runId: started.runId, done: true });
    expect(mine.events.filter((e) => e.event === 'run:progress').length).toBeGreaterThanOrEqual(2);
    expect(other.events).toHaveLength(0);

    const output = result<{ stdout: string }>(
      await mine.invoke('run:output', { runId: started.runId, hostId: 't:ok1' }),
    );
    expect(output.stdout).toBe('up on ok1\n');
    const csv = result<{ text: string; mimeType: string }>(
      await mine.invoke('run:export', { runId: started.runId, format: 'csv', failedOnly: true }),
    );
    expect(csv.mimeType).toBe('text/csv');
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(csv.text).toContain('bad1,t:bad1,failed,1,');

    const unknown = await mine.invoke('run:get', { runId: 'run-nope' });
    expect(unknown.ok || unknown.error.code).toBe('NOT_FOUND');
    const badId = await mine.invoke('run:cancel', { runId: '../etc' });
    expect(badId.ok || badId.error.code).toBe('INVALID_PAYLOAD');
  });

  it('cancel through the channel ends every host that had not finished', async () => {
    const h = harness();
    const window = h.connect();
    const started = result<RunSummary>(
      await window.invoke('run:start', {
        hostIds: ['t:slow1', 't:slow2', 't:slow3'],
        command: 'x',
        parallel: 2,
      }),
    );
    await settle();
    expect(
      result<{ cancelled: boolean }>(await window.invoke('run:cancel', { runId: started.runId })),
    ).toEqual({
      cancelled: true,
    });
    await settle(10);
    const summary = result<RunSummary>(await window.invoke('run:get', { runId: started.runId }));
    expect(summary.hosts.map((host) => host.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(h.fake.children).toHaveLength(2);
  });
});
