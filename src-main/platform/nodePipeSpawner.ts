import { spawn } from 'node:child_process';
import type { PipeProcess, PipeSpawner } from '../ports';

/** After stdin closed, how long a control client may take to say %exit and go before it is killed. */
const CLOSE_GRACE_MS = 2_000;

/** PipeSpawner over child_process.spawn: argv only, no shell, stderr discarded. */
export const nodePipeSpawner: PipeSpawner = {
  spawn(file, args, options): PipeProcess {
    const child = spawn(file, [...args], {
      env: options.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const exitListeners: Array<Parameters<PipeProcess['onExit']>[0]> = [];
    let ended: Parameters<Parameters<PipeProcess['onExit']>[0]>[0] | undefined;
    const finish = (end: NonNullable<typeof ended>): void => {
      if (ended) return;
      ended = end;
      for (const listener of exitListeners) listener(end);
    };
    child.on('error', (error) => {
      if (child.pid === undefined) finish({ code: null, signal: null, error: error.message });
    });
    // 'close' comes after stdout has ended: every byte was delivered before the exit is told.
    child.on('close', (code, signal) => finish({ code, signal }));
    // A write after the client went away is not an error worth a crash: its exit is reported instead.
    child.stdin.on('error', () => undefined);
    return {
      write: (data) => {
        if (!child.stdin.destroyed && child.stdin.writable) child.stdin.write(data);
      },
      onStdout: (listener) => void child.stdout.on('data', listener),
      onExit: (listener) => {
        if (ended) listener(ended);
        else exitListeners.push(listener);
      },
      close: () => {
        if (ended) return;
        child.stdin.end();
        setTimeout(() => {
          if (!ended) child.kill('SIGKILL');
        }, CLOSE_GRACE_MS).unref();
      },
    };
  },
};
