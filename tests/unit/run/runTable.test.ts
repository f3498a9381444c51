import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src-preload/api';
import { runTable } from '../../../src-main/cli/runTable';

describe('muxdeck run table', () => {
  it('prints one aligned row per host with the reason for each failure, and totals', () => {
    const summary: RunSummary = {
      runId: 'run-1',
      command: 'uptime',
      timeoutSeconds: 2,
      parallel: 16,
      startedAt: 1000,
      finishedAt: 3500,
      done: true,
      cancelled: false,
      hosts: [
        {
          hostId: 'a',
          label: 'alpha',
          status: 'ok',
          exitCode: 0,
          durationMs: 80,
          firstLine: 'up 3 days',
          stdoutBytes: 10,
          stderrBytes: 0,
          truncated: false,
        },
        {
          hostId: 'b',
          label: 'down',
          status: 'unreachable',
          exitCode: 255,
          durationMs: 12,
          firstLine: 'ssh: connect…',
          error: 'Connection refused',
          stdoutBytes: 0,
          stderrBytes: 40,
          truncated: false,
        },
        {
          hostId: 'c',
          label: 'slow-host',
          status: 'timeout',
          durationMs: 2000,
          firstLine: '',
          error: 'No result within 2 s',
          stdoutBytes: 0,
          stderrBytes: 0,
          truncated: false,
        },
      ],
    };
    expect(runTable(summary).split('\n')).toEqual([
      'HOST       STATUS       EXIT  TIME   OUTPUT',
      'alpha      ok           0     80 ms  up 3 days',
      'down       unreachable  255   12 ms  Connection refused',
      'slow-host  timeout      -     2.0 s  No result within 2 s',
      '',
      '3 hosts: 1 ok, 1 unreachable, 1 timeout in 2.5 s',
    ]);
  });
});
