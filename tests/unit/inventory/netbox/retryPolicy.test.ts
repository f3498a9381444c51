import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_POLICY,
  backoffDelay,
  decideRetry,
  parseRetryAfter,
} from '../../../../src-main/inventory/netbox/retryPolicy';

const policy = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 5_000, maxRetryAfterMs: 60_000 };

describe('retry policy', () => {
  it('doubles the delay per retry, with half of it random, up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, () => 0))).toEqual([
      250, 500, 1000, 2000, 2500,
    ]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, () => 1))).toEqual([
      500, 1000, 2000, 4000, 5000,
    ]);
  });

  it('retries retryable failures only, and only maxRetries times', () => {
    const retryable = { retryable: true };
    expect(decideRetry(policy, 1, retryable, () => 0.5)).toEqual({
      retry: true,
      delayMs: 375,
      reason: 'backoff',
    });
    expect(decideRetry(policy, 4, retryable, () => 0.5).retry).toBe(true);
    expect(decideRetry(policy, 5, retryable, () => 0.5)).toEqual({
      retry: false,
      reason: 'attempts-exhausted',
    });
    expect(decideRetry(policy, 1, { retryable: false }, () => 0.5)).toEqual({
      retry: false,
      reason: 'not-retryable',
    });
  });

  it('waits exactly what Retry-After asks, and refuses to wait longer than the limit', () => {
    expect(decideRetry(policy, 1, { retryable: true, retryAfterMs: 7_000 }, () => 0)).toEqual({
      retry: true,
      delayMs: 7_000,
      reason: 'retry-after',
    });
    expect(decideRetry(policy, 1, { retryable: true, retryAfterMs: 3_600_000 }, () => 0)).toEqual({
      retry: false,
      reason: 'retry-after-too-long',
    });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('has defaults that give up within about half a minute of backoff', () => {
    const worst = [1, 2, 3, 4].reduce((sum, n) => sum + backoffDelay(DEFAULT_RETRY_POLICY, n, () => 1), 0);
    expect(worst).toBeLessThanOrEqual(30_000);
  });
});
