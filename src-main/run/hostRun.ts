import type { Clock } from '../ports';
import { classifyRunEnd, type HostOutcome } from './hostOutcome';
import { OutputCapture } from './outputCapture';
import type { ProcessEnd, ProcessSpawner } from './processSpawner';

/** After SIGTERM, how long ssh gets before SIGKILL. */
const KILL_GRACE_MS = 2_000;

export interface HostRunResult extends HostOutcome {
  durationMs: number;
  stdout: OutputCapture;
  stderr: OutputCapture;
}

export interface HostRunOptions {
  /** Builds this host's argv (resolving its connection); counted in its time-out. */
  prepare: () => Promise<readonly string[]>;
  spawner: ProcessSpawner;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  timeoutMs: number;
  /** Aborted when the whole run is cancelled. */
  cancel: AbortSignal;
  outputCapBytes: number;
  /** Called when ssh has been started (the host is "running"). */
  onStarted?: () => void;
}

/**
 * One host of a run, from preparing its ssh to its end. Never throws: every way it can go is an outcome.
 * The time-out and cancellation kill ssh's whole process group; nothing here waits on another host.
 */
export async function runOnHost(opts: HostRunOptions): Promise<HostRunResult> {
  const started = opts.clock.now();
  const stdout = new OutputCapture(opts.outputCapBytes);
  const stderr = new OutputCapture(opts.outputCapBytes);
  const result = (outcome: HostOutcome): HostRunResult => ({
    ...outcome,
    durationMs: Math.max(0, opts.clock.now() - started),
    stdout,
    stderr,
  });

  let stop: 'timeout' | 'cancelled' | undefined = opts.cancel.aborted ? 'cancelled' : undefined;
  let onStop: (() => void) | undefined;
  const halt = (why: 'timeout' | 'cancelled'): void => {
    if (stop) return;
    stop = why;
    onStop?.();
  };
  const timer = opts.clock.setTimeout(() => halt('timeout'), opts.timeoutMs);
  const onAbort = (): void => halt('cancelled');
  opts.cancel.addEventListener('abort', onAbort);
  const timeoutError = `No result within ${formatSeconds(opts.timeoutMs)}`;

  try {
    if (stop) return result({ status: 'cancelled' });
    let argv: readonly string[];
    try {
      argv = await Promise.race([
        opts.prepare(),
        new Promise<never>((_, reject) => {
          onStop = () => reject(new Error('stopped'));
        }),
      ]);
    } catch (error) {
      if (stop === 'timeout') return result({ status: 'timeout', error: timeoutError });
      if (stop === 'cancelled') return result({ status: 'cancelled' });
      return result({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
    }
    const [file, ...args] = argv;
    if (!file) return result({ status: 'failed', error: 'no command to run' });

    const child = opts.spawner.spawn(file, args, { env: opts.env });
    child.onStdout((chunk) => stdout.push(chunk));
    child.onStderr((chunk) => stderr.push(chunk));
    const end = new Promise<ProcessEnd>((resolve) => child.onEnd(resolve));
    let killTimer: { cancel(): void } | undefined;
    onStop = () => {
      child.kill('SIGTERM');
      killTimer = opts.clock.setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    };
    if (stop) onStop();
    else opts.onStarted?.();
    const ended = await end;
    killTimer?.cancel();
    const outcome = classifyRunEnd(ended, stderr.text(), stop);
    return result(stop === 'timeout' ? { ...outcome, error: timeoutError } : outcome);
  } finally {
    timer.cancel();
    opts.cancel.removeEventListener('abort', onAbort);
  }
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
