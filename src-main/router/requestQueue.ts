/**
 * How many of one connection's requests run at once, and how many may wait. One client flooding the
 * router (300 tree:apply of 1,000 mutations held another window's app:info for 65 s, issue 11) then
 * holds at most MAX_RUNNING requests' worth of work ahead of anyone else; past MAX_WAITING it is told
 * BUSY at once instead of growing memory and latency without bound.
 */
export const MAX_RUNNING_REQUESTS_PER_CONNECTION = 16;
export const MAX_WAITING_REQUESTS_PER_CONNECTION = 256;

export interface RequestQueue {
  /** Runs `task` now or when a slot frees, in arrival order; undefined when the queue is full. */
  run<T>(task: () => Promise<T>): Promise<T> | undefined;
}

export function createRequestQueue(
  limits = { running: MAX_RUNNING_REQUESTS_PER_CONNECTION, waiting: MAX_WAITING_REQUESTS_PER_CONNECTION },
): RequestQueue {
  let running = 0;
  const waiting: Array<() => void> = [];

  function release(): void {
    running--;
    const next = waiting.shift();
    if (next) next();
  }

  return {
    run<T>(task: () => Promise<T>): Promise<T> | undefined {
      if (running >= limits.running && waiting.length >= limits.waiting) return undefined;
      return new Promise<T>((resolve, reject) => {
        const start = (): void => {
          running++;
          task().then(resolve, reject).finally(release);
        };
        if (running < limits.running) start();
        else waiting.push(start);
      });
    },
  };
}
