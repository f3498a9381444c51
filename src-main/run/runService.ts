import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import {
  isRunFailure,
  RUN_DEFAULT_PARALLEL,
  RUN_DEFAULT_TIMEOUT_SECONDS,
  type RunHostOutput,
  type RunHostSummary,
  type RunSummary,
} from '../../src-preload/api';
import { ApiError } from '../common/apiError';
import { createLimiter } from '../inventory/netbox/concurrencyLimiter';
import type { Clock } from '../ports';
import { runOnHost, type HostRunResult } from './hostRun';
import { DEFAULT_OUTPUT_CAP_BYTES, firstLine } from './outputCapture';
import type { ProcessSpawner } from './processSpawner';
import { exportFileName, runToCsv, runToJson, selectExported, type ExportedHost } from './runExport';
import type { RunTarget } from './runTargets';

/** Finished runs kept for their output and exports; the oldest go first. */
const KEEP_RUNS = 20;

export interface RunRequest {
  hostIds: readonly string[];
  command: string;
  timeoutSeconds?: number;
  parallel?: number;
}

export interface RunListener {
  progress?(event: { runId: string; host: RunHostSummary; completed: number; total: number }): void;
  finished?(summary: RunSummary): void;
}

export interface RunServiceDeps {
  resolveTargets(hostIds: readonly string[]): Promise<RunTarget[]>;
  spawner: ProcessSpawner;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  outputCapBytes?: number;
  newRunId?: () => string;
  /** The user's settings for a run that does not say (read at each start, so a change applies at once). */
  defaults?: () => { timeoutSeconds: number; parallel: number };
}

interface HostState {
  summary: RunHostSummary;
  result?: HostRunResult;
}

interface RunState {
  summary: Omit<RunSummary, 'hosts'>;
  hosts: HostState[];
  abort: AbortController;
  finished: Promise<RunSummary>;
}

/**
 * Runs one command on many hosts: each host in its own ssh, at most `parallel` at once, each bounded
 * by its own time-out, so a slow or dead host only ever costs its own slot. Cancel stops the running
 * ones and everything still waiting.
 */
export class RunService {
  private readonly runs = new Map<string, RunState>();

  constructor(private readonly deps: RunServiceDeps) {}

  async start(request: RunRequest, listener: RunListener = {}): Promise<RunSummary> {
    const hostIds = [...new Set(request.hostIds)];
    const defaults = this.deps.defaults?.();
    const timeoutSeconds = request.timeoutSeconds ?? defaults?.timeoutSeconds ?? RUN_DEFAULT_TIMEOUT_SECONDS;
    const parallel = request.parallel ?? defaults?.parallel ?? RUN_DEFAULT_PARALLEL;
    const targets = await this.deps.resolveTargets(hostIds);
    const runId = (this.deps.newRunId ?? defaultRunId)();
    const abort = new AbortController();
    // Each running host listens for cancel until it ends: up to `parallel` listeners at once, by design.
    setMaxListeners(parallel + 1, abort.signal);
    const hosts: HostState[] = targets.map((target) => ({
      summary: target.problem
        ? { ...emptyHost(target), status: 'failed', error: target.problem }
        : emptyHost(target),
    }));
    const summary: RunState['summary'] = {
      runId,
      command: request.command,
      timeoutSeconds,
      parallel,
      startedAt: this.deps.clock.now(),
      done: false,
      cancelled: false,
    };
    const total = hosts.length;
    let completed = hosts.filter((h) => h.summary.status !== 'pending').length;
    const report = (host: HostState): void =>
      listener.progress?.({ runId, host: { ...host.summary }, completed, total });

    const limiter = createLimiter(parallel);
    // Hosts start on the next turn: whoever started the run hears its answer before any progress.
    const begin = new Promise<void>((resolve) => setImmediate(resolve));
    const jobs = targets.map(async (target, index) => {
      await begin;
      const host = hosts[index];
      const argv = target.argv;
      if (!host || !argv) return;
      await limiter.run(async () => {
        if (abort.signal.aborted) {
          host.summary = { ...host.summary, status: 'cancelled' };
        } else {
          const result = await runOnHost({
            prepare: () => argv(request.command, timeoutSeconds),
            spawner: this.deps.spawner,
            env: this.deps.env,
            clock: this.deps.clock,
            timeoutMs: timeoutSeconds * 1000,
            cancel: abort.signal,
            outputCapBytes: this.deps.outputCapBytes ?? DEFAULT_OUTPUT_CAP_BYTES,
            onStarted: () => {
              host.summary = { ...host.summary, status: 'running' };
              report(host);
            },
          });
          host.result = result;
          host.summary = hostSummary(host.summary, result);
        }
        completed++;
        report(host);
      });
    });
    const state: RunState = {
      summary,
      hosts,
      abort,
      finished: Promise.all(jobs).then(() => {
        summary.done = true;
        summary.finishedAt = this.deps.clock.now();
        const final = this.snapshot(state);
        listener.finished?.(final);
        return final;
      }),
    };
    this.runs.set(runId, state);
    this.forgetOldRuns();
    return this.snapshot(state);
  }

  cancel(runId: string): boolean {
    const run = this.run(runId);
    if (run.summary.done || run.abort.signal.aborted) return false;
    run.summary.cancelled = true;
    run.abort.abort();
    return true;
  }

  get(runId: string): RunSummary {
    return this.snapshot(this.run(runId));
  }

  /** Resolves with the final summary when every host has ended. */
  finished(runId: string): Promise<RunSummary> {
    return this.run(runId).finished;
  }

  output(runId: string, hostId: string): RunHostOutput {
    const host = this.run(runId).hosts.find((h) => h.summary.hostId === hostId);
    if (!host) throw new ApiError('NOT_FOUND', `Host ${hostId} is not part of run ${runId}.`);
    return outputOf(host);
  }

  export(
    runId: string,
    format: 'csv' | 'json',
    failedOnly = false,
  ): { fileName: string; mimeType: string; text: string } {
    const run = this.run(runId);
    const summary = this.snapshot(run);
    const hosts: ExportedHost[] = selectExported(
      run.hosts.map((h) => ({ ...h.summary, output: outputOf(h) })),
      failedOnly,
    );
    return format === 'csv'
      ? { fileName: exportFileName(summary, 'csv'), mimeType: 'text/csv', text: runToCsv(hosts) }
      : {
          fileName: exportFileName(summary, 'json'),
          mimeType: 'application/json',
          text: `${JSON.stringify(runToJson(summary, hosts), null, 2)}\n`,
        };
  }

  /** Ends every run in flight (the app is closing). */
  dispose(): void {
    for (const run of this.runs.values()) if (!run.summary.done) run.abort.abort();
  }

  private run(runId: string): RunState {
    const run = this.runs.get(runId);
    if (!run) throw new ApiError('NOT_FOUND', `No run ${runId} (finished runs are kept for a while only).`);
    return run;
  }

  private snapshot(run: RunState): RunSummary {
    return { ...run.summary, hosts: run.hosts.map((h) => ({ ...h.summary })) };
  }

  private forgetOldRuns(): void {
    for (const [id, run] of this.runs) {
      if (this.runs.size <= KEEP_RUNS) break;
      if (run.summary.done) this.runs.delete(id);
    }
  }
}

export function countFailures(summary: RunSummary): number {
  return summary.hosts.filter((host) => isRunFailure(host.status)).length;
}

function emptyHost(target: RunTarget): RunHostSummary {
  return {
    hostId: target.hostId,
    label: target.label,
    status: 'pending',
    firstLine: '',
    stdoutBytes: 0,
    stderrBytes: 0,
    truncated: false,
  };
}

function hostSummary(before: RunHostSummary, result: HostRunResult): RunHostSummary {
  const stdout = result.stdout.text();
  const stderr = result.stderr.text();
  return {
    hostId: before.hostId,
    label: before.label,
    status: result.status,
    ...(result.exitCode !== undefined ? { exitCode: result.exitCode } : {}),
    ...(result.signal !== undefined ? { signal: result.signal } : {}),
    durationMs: result.durationMs,
    firstLine: firstLine(stdout, stderr, result.error ?? ''),
    ...(result.error !== undefined ? { error: result.error } : {}),
    stdoutBytes: result.stdout.bytes,
    stderrBytes: result.stderr.bytes,
    truncated: result.stdout.truncated || result.stderr.truncated,
  };
}

function outputOf(host: HostState): RunHostOutput {
  return {
    stdout: host.result?.stdout.text() ?? '',
    stderr: host.result?.stderr.text() ?? '',
    stdoutTruncated: host.result?.stdout.truncated ?? false,
    stderrTruncated: host.result?.stderr.truncated ?? false,
  };
}

function defaultRunId(): string {
  return `run-${randomBytes(8).toString('hex')}`;
}
