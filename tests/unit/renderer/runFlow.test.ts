import { describe, expect, it } from 'vitest';
import type { ApiResponse, EventMessage, RunSummary } from '../../../src-preload/api';
import { createRouter } from '../../../src-main/router/router';
import { createRunHandlers } from '../../../src-main/router/runHandlers';
import type { Handlers } from '../../../src-main/router/router';
import { RunService } from '../../../src-main/run/runService';
import { createMuxdeckClient } from '../../../src-renderer/src/bridge/client';
import type { Transport } from '../../../src-renderer/src/bridge/transport';
import { createRunCommands, followRuns } from '../../../src-renderer/src/run/runCommands';
import { createAppStore } from '../../../src-renderer/src/stores/appStore';
import { createRunStore } from '../../../src-renderer/src/stores/run/runStore';
import { checkRunForm } from '../../../src-renderer/src/stores/run/runForm.logic';
import { progressText, visibleHosts } from '../../../src-renderer/src/stores/run/runView.logic';
import { fakeSpawner, settle } from '../../fakes/fakeSpawner';
import { manualClock } from '../../fakes/manualClock';

/**
 * The renderer's run commands over the real client, router and run service; only ssh is a fake
 * (each "host" answers as its name says).
 */
function harness() {
  const fake = fakeSpawner({
    onSpawn: (child) => {
      const host = child.argv[child.argv.length - 2] ?? '';
      if (host.startsWith('ok')) {
        child.stdout(`up on ${host}\nsecond line\n`);
        child.end({ code: 0 });
      } else if (host.startsWith('down')) {
        child.stderr('ssh: connect to host x port 22: Connection refused\n');
        child.end({ code: 255 });
      } else if (host.startsWith('bad')) {
        child.stderr('no such file\n');
        child.end({ code: 1 });
      }
      // Anything else never answers.
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
  const listeners = new Set<(message: EventMessage) => void>();
  const connection = router.connect((message) => listeners.forEach((listener) => listener(message)));
  const transport: Transport = {
    invoke: (channel, payload): Promise<ApiResponse> => connection.invoke(channel, payload),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connectionState: () => 'connected',
    onConnectionChange: () => () => undefined,
  };
  const client = createMuxdeckClient(transport);
  const app = createAppStore('connected');
  const run = createRunStore();
  const downloads: Array<{ fileName: string; text: string; mimeType: string }> = [];
  const copied: string[] = [];
  const commands = createRunCommands({
    client,
    run,
    app,
    clipboard: { writeText: async (text) => void copied.push(text) },
    download: (fileName, text, mimeType) => downloads.push({ fileName, text, mimeType }),
  });
  followRuns(client, run);
  return { commands, run, app, fake, time, downloads, copied, runs };
}

const statuses = (summary: RunSummary | null) =>
  Object.fromEntries((summary?.hosts ?? []).map((h) => [h.label, h.status]));

describe('run on selection in the renderer', () => {
  it('runs, follows progress to the end, filters failed, expands a row and re-runs only the failed', async () => {
    const h = harness();
    h.commands.openDialog(['t:ok1', 't:down1', 't:bad1', 't:slow1'], ['ok1', 'down1', 'bad1', 'slow1']);
    expect(h.run.getState().dialog?.hostIds).toHaveLength(4);
    const problem = await h.commands.start({
      hostIds: ['t:ok1', 't:down1', 't:bad1', 't:slow1'],
      command: 'uptime',
      timeoutSeconds: 10,
    });
    expect(problem).toBeNull();
    expect(h.run.getState().dialog).toBeNull();
    await settle(10);
    const mid = h.run.getState().run;
    expect(statuses(mid)).toEqual({ ok1: 'ok', down1: 'unreachable', bad1: 'failed', slow1: 'running' });
    expect(mid && progressText(mid)).toBe('3/4 done · 1 ok · 1 failed · 1 unreachable · 1 running');

    h.time.advance(10_000);
    await settle(10);
    const done = h.run.getState().run;
    expect(done?.done).toBe(true);
    expect(statuses(done).slow1).toBe('timeout');

    h.run.getState().setFailedOnly(true);
    expect(visibleHosts(done as RunSummary, true).map((x) => x.label)).toEqual(['down1', 'bad1', 'slow1']);

    h.commands.toggleExpanded('t:ok1');
    await settle();
    expect(h.run.getState().outputs['t:ok1']).toMatchObject({ stdout: 'up on ok1\nsecond line\n' });

    const before = h.fake.children.length;
    await h.commands.rerunFailed();
    await settle(10);
    const rerun = h.run.getState().run;
    expect(rerun?.runId).not.toBe(done?.runId);
    expect(rerun?.hosts.map((x) => x.label)).toEqual(['down1', 'bad1', 'slow1']);
    expect(h.fake.children.slice(before).map((c) => c.argv[2])).toEqual(['down1', 'bad1', 'slow1']);
    expect(h.run.getState().failedOnly).toBe(false);
  });

  it('exports and copies what the grid shows (failed only when filtered)', async () => {
    const h = harness();
    await h.commands.start({ hostIds: ['t:ok1', 't:bad1'], command: 'x', timeoutSeconds: 5 });
    await settle(10);
    h.run.getState().setFailedOnly(true);
    await h.commands.exportResults('csv');
    await h.commands.copyResults('json');
    expect(h.downloads[0]?.fileName).toMatch(/^muxdeck-run-.*\.csv$/);
    expect(h.downloads[0]?.mimeType).toBe('text/csv');
    expect(h.downloads[0]?.text.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(h.downloads[0]?.text).toContain('bad1');
    const json = JSON.parse(h.copied[0] ?? '{}') as { hosts: Array<{ host: string }> };
    expect(json.hosts.map((x) => x.host)).toEqual(['bad1']);
  });

  it('cancel ends the run; every host that did not finish says cancelled', async () => {
    const h = harness();
    await h.commands.start({ hostIds: ['t:slow1', 't:slow2'], command: 'sleep 99', timeoutSeconds: 60 });
    await settle();
    await h.commands.cancel();
    await settle(10);
    const run = h.run.getState().run;
    expect(run?.done).toBe(true);
    expect(run?.cancelled).toBe(true);
    expect(statuses(run)).toEqual({ slow1: 'cancelled', slow2: 'cancelled' });
  });

  it('the main process refuses what the form would refuse, with a reason', async () => {
    const h = harness();
    expect(await h.commands.start({ hostIds: ['t:ok1'], command: '   ', timeoutSeconds: 5 })).toMatch(
      /a command is required/,
    );
    expect(await h.commands.start({ hostIds: [], command: 'ls', timeoutSeconds: 5 })).toMatch(
      /select at least one host/,
    );
    expect(
      await h.commands.start({ hostIds: ['t:ok1'], command: 'x'.repeat(40_000), timeoutSeconds: 5 }),
    ).toMatch(/at most 32768 characters/);
    expect(h.fake.children).toHaveLength(0);
    expect(checkRunForm({ command: '', timeoutSeconds: '0', parallel: '999' })).toEqual({
      ok: false,
      problems: {
        command: 'a command is required',
        timeoutSeconds: 'whole seconds, from 1 to 86400',
        parallel: 'from 1 to 256',
      },
    });
    expect(checkRunForm({ command: 'df -h', timeoutSeconds: '20', parallel: '8' })).toEqual({
      ok: true,
      command: 'df -h',
      timeoutSeconds: 20,
      parallel: 8,
    });
  });
});
