/** How a run's child process ended, once its output streams are closed (or it never started). */
export interface ProcessEnd {
  /** Exit code; null when killed by a signal or never started. */
  code: number | null;
  signal: string | null;
  /** Set when the program could not be started at all (e.g. not on PATH). */
  startError?: string;
}

/** A non-interactive child: output as bytes, no stdin, killable with its whole process group. */
export interface SpawnedProcess {
  onStdout(listener: (chunk: Uint8Array) => void): void;
  onStderr(listener: (chunk: Uint8Array) => void): void;
  /** Called once. */
  onEnd(listener: (end: ProcessEnd) => void): void;
  kill(signal?: NodeJS.Signals): void;
}

/** Starts a program with an argv array, never a shell string. Tests hand the run service fakes. */
export interface ProcessSpawner {
  spawn(file: string, args: readonly string[], options: { env: NodeJS.ProcessEnv }): SpawnedProcess;
}
