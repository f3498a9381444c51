import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitForOptions {
  /** Human-readable condition, used in the timeout error: "sshd banner on 127.0.0.1:2222". */
  describe: string;
  timeoutMs?: number;
  intervalMs?: number;
}

export type Probe<T> = () => Promise<T | undefined | false> | T | undefined | false;

/**
 * Polls `probe` until it returns something other than `undefined` or `false`, and returns that value.
 * A probe that throws counts as "not yet": conditions like "socket accepts connections" naturally throw
 * until they hold. The last thrown error is attached as `cause` of the timeout error so it is not lost.
 */
export async function waitFor<T>(probe: Probe<T>, options: WaitForOptions): Promise<T> {
  const { describe, timeoutMs = 10_000, intervalMs = 50 } = options;
  const deadline = performance.now() + timeoutMs;
  let lastError: unknown;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (performance.now() >= deadline) break;
    await sleep(Math.min(intervalMs, Math.max(0, deadline - performance.now())));
  }
  const lastErrorText = lastError === undefined ? '' : `; last probe error: ${describeError(lastError)}`;
  throw new Error(
    `timed out after ${timeoutMs} ms (${attempts} attempts) waiting for ${describe}${lastErrorText}`,
    {
      cause: lastError,
    },
  );
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
