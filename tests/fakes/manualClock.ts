import type { Clock } from '../../src-main/ports';

/** A Clock whose time moves only when the test says so. */
export function manualClock() {
  let now = 0;
  let timers: Array<{ at: number; callback: () => void; cancelled: boolean }> = [];
  const clock: Clock = {
    now: () => now,
    setTimeout(callback, ms) {
      const timer = { at: now + ms, callback, cancelled: false };
      timers.push(timer);
      return { cancel: () => void (timer.cancelled = true) };
    },
  };
  return {
    clock,
    advance(ms: number) {
      now += ms;
      const due = timers.filter((t) => t.at <= now && !t.cancelled);
      timers = timers.filter((t) => t.at > now && !t.cancelled);
      for (const t of due) t.callback();
    },
    get pendingTimers() {
      return timers.filter((t) => !t.cancelled).length;
    },
  };
}
