/**
 * When to try a NetBox request again, and after how long. Pure: the random source and the
 * current time come in as arguments, so tests pin the exact delays.
 */
export interface RetryPolicy {
  /** Retries after the first attempt (so maxRetries + 1 attempts in all). */
  maxRetries: number;
  /** Delay before the first retry; doubled for each further one. */
  baseDelayMs: number;
  /** Cap of the exponential delay. */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the request fails with a clear message. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 15_000,
  maxRetryAfterMs: 120_000,
};

export type RetryDecision =
  | { retry: true; delayMs: number; reason: 'backoff' | 'retry-after' }
  | { retry: false; reason: 'not-retryable' | 'attempts-exhausted' | 'retry-after-too-long' };

/**
 * `retryNumber` counts from 1 (the first retry). Exponential backoff with "equal jitter"
 * (half fixed, half random) so parallel page fetches that failed together do not come back
 * together, yet no retry is immediate. A server's Retry-After wins when present.
 */
export function decideRetry(
  policy: RetryPolicy,
  retryNumber: number,
  failure: { retryable: boolean; retryAfterMs?: number },
  random: () => number,
): RetryDecision {
  if (!failure.retryable) return { retry: false, reason: 'not-retryable' };
  if (retryNumber > policy.maxRetries) return { retry: false, reason: 'attempts-exhausted' };
  if (failure.retryAfterMs !== undefined) {
    if (failure.retryAfterMs > policy.maxRetryAfterMs)
      return { retry: false, reason: 'retry-after-too-long' };
    return { retry: true, delayMs: Math.max(0, failure.retryAfterMs), reason: 'retry-after' };
  }
  return { retry: true, delayMs: backoffDelay(policy, retryNumber, random), reason: 'backoff' };
}

export function backoffDelay(policy: RetryPolicy, retryNumber: number, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  const half = exponential / 2;
  return Math.round(half + random() * half);
}

/**
 * Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). Returns milliseconds
 * from `nowMs`, or undefined when absent or unreadable (then normal backoff applies).
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
