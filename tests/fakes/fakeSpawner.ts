import type { ProcessEnd, ProcessSpawner, SpawnedProcess } from '../../src-main/run/processSpawner';

/** A child the test drives: it prints and ends when told to, and records the signals it was sent. */
export interface FakeChild {
  argv: string[];
  signals: string[];
  ended: boolean;
  stdout(text: string | Uint8Array): void;
  stderr(text: string | Uint8Array): void;
  end(end: Partial<ProcessEnd>): void;
}

/**
 * A ProcessSpawner whose children never end by themselves. `onSpawn` may script them; a kill ends
 * the child as a signal would (unless `ignoreTerm`, for a process that needs SIGKILL).
 */
export function fakeSpawner(opts: { onSpawn?: (child: FakeChild) => void; ignoreTerm?: boolean } = {}) {
  const children: FakeChild[] = [];
  const spawner: ProcessSpawner = {
    spawn(file, args) {
      const out: Array<(chunk: Uint8Array) => void> = [];
      const err: Array<(chunk: Uint8Array) => void> = [];
      const ends: Array<(end: ProcessEnd) => void> = [];
      let result: ProcessEnd | undefined;
      const bytes = (text: string | Uint8Array) => (typeof text === 'string' ? Buffer.from(text) : text);
      const child: FakeChild = {
        argv: [file, ...args],
        signals: [],
        ended: false,
        stdout: (text) => out.forEach((listener) => listener(bytes(text))),
        stderr: (text) => err.forEach((listener) => listener(bytes(text))),
        end(end) {
          if (child.ended) return;
          child.ended = true;
          result = { code: null, signal: null, ...end };
          ends.forEach((listener) => listener(result as ProcessEnd));
        },
      };
      children.push(child);
      const spawned: SpawnedProcess = {
        onStdout: (listener) => void out.push(listener),
        onStderr: (listener) => void err.push(listener),
        onEnd(listener) {
          if (result) listener(result);
          else ends.push(listener);
        },
        kill(signal = 'SIGTERM') {
          child.signals.push(signal);
          if (signal === 'SIGKILL' || !opts.ignoreTerm) child.end({ code: null, signal });
        },
      };
      // Scripted children act on the next turn, as a real process would.
      if (opts.onSpawn) setImmediate(() => opts.onSpawn?.(child));
      return spawned;
    },
  };
  return {
    spawner,
    children,
    running: () => children.filter((child) => !child.ended),
  };
}

/** Lets queued turns (setImmediate, promise jobs) run. */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
