import type { PtyProcess, PtySpawner, PtySpawnOptions } from '../../src-main/ports';

export interface FakePty extends PtyProcess {
  file: string;
  args: readonly string[];
  options: PtySpawnOptions;
  written: string[];
  sizes: Array<[number, number]>;
  paused: boolean;
  killed: boolean;
  emitData(data: string): void;
  emitExit(exitCode: number): void;
}

/** A PtySpawner whose ptys record what they are told and emit what the test says. */
export function fakePtySpawner() {
  const spawned: FakePty[] = [];
  const spawner: PtySpawner = {
    spawn(file, args, options) {
      const dataListeners: Array<(d: string) => void> = [];
      const exitListeners: Array<(e: { exitCode: number }) => void> = [];
      const pty: FakePty = {
        pid: 1000 + spawned.length,
        file,
        args,
        options,
        written: [],
        sizes: [],
        paused: false,
        killed: false,
        onData: (l) => void dataListeners.push(l),
        onExit: (l) => void exitListeners.push(l),
        write: (d) => void pty.written.push(d),
        resize: (c, r) => void pty.sizes.push([c, r]),
        pause: () => void (pty.paused = true),
        resume: () => void (pty.paused = false),
        kill: () => {
          pty.killed = true;
          for (const l of exitListeners) l({ exitCode: 0 });
        },
        emitData: (d) => dataListeners.forEach((l) => l(d)),
        emitExit: (code) => exitListeners.forEach((l) => l({ exitCode: code })),
      };
      spawned.push(pty);
      return pty;
    },
  };
  return { spawner, spawned };
}
