import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `intervalMs` while `enabled`: enough for "connected 2h" and a retry
 * countdown without re-rendering anything that does not show a time.
 */
export function useNow(intervalMs: number, enabled = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    // The first tick comes at once (a shown countdown must not start stale), the rest on the interval.
    const first = setTimeout(() => setNow(Date.now()), 0);
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [intervalMs, enabled]);
  return now;
}
