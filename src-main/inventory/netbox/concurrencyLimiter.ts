/**
 * At most `max` tasks run at once; the rest wait in arrival order. One limiter is shared by
 * every request of a sync (devices, VMs, look-ups), so the bound holds for the NetBox server
 * as a whole, not per list.
 */
export interface ConcurrencyLimiter {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createLimiter(max: number): ConcurrencyLimiter {
  if (!Number.isInteger(max) || max < 1)
    throw new RangeError(`concurrency must be a positive integer, not ${max}`);
  let active = 0;
  const waiting: Array<() => void> = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active < max) active++;
      // A finishing task hands its slot straight to the next waiter, so no newcomer can
      // slip in between and push the count above max.
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else active--;
      }
    },
  };
}
