import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_SETTINGS, type RunHostSummary, type RunSummary } from '../../../src-preload/api';
import { createMuxdeckClient } from '../../../src-renderer/src/bridge/client';
import { createRunCommands, followRuns } from '../../../src-renderer/src/run/runCommands';
import { createAppStore } from '../../../src-renderer/src/stores/appStore';
import { checkRunForm, targetText } from '../../../src-renderer/src/stores/run/runForm.logic';
import { runDefaultsFrom } from '../../../src-renderer/src/stores/run/runDefaults.logic';
import { createRunStore } from '../../../src-renderer/src/stores/run/runStore';
import { progressText, visibleHosts } from '../../../src-renderer/src/stores/run/runView.logic';
import { FakeTransport } from './fakeTransport';

const host = (
  label: string,
  status: RunHostSummary['status'],
  more: Partial<RunHostSummary> = {},
): RunHostSummary => ({
  hostId: `t:${label}`,
  label,
  status,
  firstLine: '',
  stdoutBytes: 0,
  stderrBytes: 0,
  truncated: false,
  ...more,
});

const summary = (runId: string, hosts: RunHostSummary[], more: Partial<RunSummary> = {}): RunSummary => ({
  runId,
  command: 'uptime',
  timeoutSeconds: 10,
  parallel: 16,
  startedAt: 0,
  done: false,
  cancelled: false,
  hosts,
  ...more,
});

function harness() {
  const transport = new FakeTransport();
  const client = createMuxdeckClient(transport);
  const app = createAppStore('connected');
  const run = createRunStore();
  const downloads: Array<{ fileName: string; text: string }> = [];
  const copied: string[] = [];
  const commands = createRunCommands({
    client,
    run,
    app,
    clipboard: { writeText: async (text) => void copied.push(text) },
    download: (fileName, text) => downloads.push({ fileName, text }),
  });
  followRuns(client, run);
  return { transport, run, app, commands, downloads, copied };
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('run on selection in the renderer', () => {
  it('follows progress of its own run, filters failed and re-runs only those', async () => {
    const h = harness();
    const names = ['ok1', 'down1', 'slow1'];
    h.transport.answer('run:start', (payload) => {
      const { hostIds } = payload as { hostIds: string[] };
      return {
        ok: true,
        result: summary(
          `run-${hostIds.length}`,
          hostIds.map((id) => host(id.slice(2), 'pending')),
        ),
      };
    });
    h.commands.openDialog(
      names.map((n) => `t:${n}`),
      names,
    );
    expect(targetText(h.run.getState().dialog?.labels ?? [])).toBe('ok1, down1, slow1');
    expect(
      await h.commands.start({ hostIds: names.map((n) => `t:${n}`), command: 'uptime', timeoutSeconds: 10 }),
    ).toBeNull();
    expect(h.run.getState().dialog).toBeNull();

    const progress = (runId: string, h2: RunHostSummary) =>
      h.transport.emit({ event: 'run:progress', payload: { runId, host: h2, completed: 0, total: 3 } });
    progress('run-3', host('ok1', 'ok', { exitCode: 0, firstLine: 'up 3 days' }));
    progress('run-3', host('down1', 'unreachable', { error: 'Connection refused' }));
    progress('run-3', host('slow1', 'running'));
    // An older run still ending elsewhere does not touch this grid.
    progress('run-old', host('ok1', 'failed'));
    const mid = h.run.getState().run as RunSummary;
    expect(progressText(mid)).toBe('2/3 done · 1 ok · 1 unreachable · 1 running');

    h.transport.emit({
      event: 'run:finished',
      payload: summary('run-3', [host('ok1', 'ok'), host('down1', 'unreachable'), host('slow1', 'timeout')], {
        done: true,
      }),
    });
    const done = h.run.getState().run as RunSummary;
    expect(done.done).toBe(true);
    h.run.getState().setFailedOnly(true);
    expect(visibleHosts(done, h.run.getState().failedOnly).map((x) => x.label)).toEqual(['down1', 'slow1']);

    await h.commands.rerunFailed();
    const rerun = h.transport.calls.filter((c) => c.channel === 'run:start').at(-1);
    expect(rerun?.payload).toEqual({
      hostIds: ['t:down1', 't:slow1'],
      command: 'uptime',
      timeoutSeconds: 10,
      parallel: 16,
    });
    expect(h.run.getState().run?.runId).toBe('run-2');
    expect(h.run.getState().failedOnly).toBe(false);
  });

  it('expanding a row fetches its output once it has ended', async () => {
    const h = harness();
    h.transport.answer('run:start', {
      ok: true,
      result: summary('run-1', [host('ok1', 'ok')], { done: true }),
    });
    h.transport.answer('run:output', {
      ok: true,
      result: { stdout: 'full\noutput\n', stderr: '', stdoutTruncated: false, stderrTruncated: false },
    });
    await h.commands.start({ hostIds: ['t:ok1'], command: 'x', timeoutSeconds: 5 });
    h.commands.toggleExpanded('t:ok1');
    expect(h.run.getState().outputs['t:ok1']).toBe('loading');
    await tick();
    expect(h.run.getState().outputs['t:ok1']).toMatchObject({ stdout: 'full\noutput\n' });
    h.commands.toggleExpanded('t:ok1');
    h.commands.toggleExpanded('t:ok1');
    expect(h.transport.calls.filter((c) => c.channel === 'run:output')).toHaveLength(1);
  });

  it('exports and copies through the main process, failed only when filtered; errors become notices', async () => {
    const h = harness();
    h.transport.answer('run:start', {
      ok: true,
      result: summary('run-1', [host('bad1', 'failed')], { done: true }),
    });
    h.transport.answer('run:export', (payload) => {
      const { format } = payload as { format: string };
      return { ok: true, result: { fileName: `r.${format}`, mimeType: 'x', text: `${format} text` } };
    });
    await h.commands.start({ hostIds: ['t:bad1'], command: 'x', timeoutSeconds: 5 });
    h.run.getState().setFailedOnly(true);
    await h.commands.exportResults('csv');
    await h.commands.copyResults('json');
    expect(h.downloads).toEqual([{ fileName: 'r.csv', text: 'csv text' }]);
    expect(h.copied).toEqual(['json text']);
    expect(h.transport.calls.find((c) => c.channel === 'run:export')?.payload).toEqual({
      runId: 'run-1',
      format: 'csv',
      failedOnly: true,
    });
    h.transport.answer('run:export', { ok: false, error: { code: 'NOT_FOUND', message: 'No run run-1' } });
    await h.commands.exportResults('json');
    expect(h.app.getState().notices.at(-1)?.message).toBe('Could not export the results: No run run-1');
  });

  it('cancel asks the main process; a refused start returns the reason for the dialog', async () => {
    const h = harness();
    h.transport.answer('run:start', { ok: true, result: summary('run-1', [host('slow1', 'running')]) });
    h.transport.answer('run:cancel', { ok: true, result: { cancelled: true } });
    await h.commands.start({ hostIds: ['t:slow1'], command: 'x', timeoutSeconds: 5 });
    await h.commands.cancel();
    expect(h.transport.calls.at(-1)).toEqual({ channel: 'run:cancel', payload: { runId: 'run-1' } });
    h.transport.answer('run:start', {
      ok: false,
      error: { code: 'INVALID_PAYLOAD', message: 'command: a command is required' },
    });
    expect(await h.commands.start({ hostIds: ['t:x'], command: ' ', timeoutSeconds: 5 })).toBe(
      'command: a command is required',
    );
    expect(checkRunForm({ command: '', timeoutSeconds: '0', parallel: '999' })).toEqual({
      ok: false,
      problems: {
        command: 'a command is required',
        timeoutSeconds: 'whole seconds, from 1 to 86400',
        parallel: 'from 1 to 256',
      },
    });
    expect(checkRunForm({ command: 'df -h', timeoutSeconds: ' 20 ', parallel: '8' })).toEqual({
      ok: true,
      command: 'df -h',
      timeoutSeconds: 20,
      parallel: 8,
    });
  });
});

describe('run dialog defaults', () => {
  it('come from the app settings, or the built-in values while they load', () => {
    expect(runDefaultsFrom(null)).toEqual({ timeoutSeconds: 30, parallel: 16 });
    expect(runDefaultsFrom({ ...DEFAULT_APP_SETTINGS, runParallel: 4, runTimeoutSeconds: 120 })).toEqual({
      timeoutSeconds: 120,
      parallel: 4,
    });
  });
});
