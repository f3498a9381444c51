import { spawn } from 'node:child_process';
import type { ProcessEnd, ProcessSpawner, SpawnedProcess } from '../run/processSpawner';

/**
 * After the process exited, how long its pipes may stay open before we stop waiting. A multiplexed
 * ssh hands its stdio to the master connection, which keeps them until the remote command ends: a
 * killed client's pipes would stay open for as long as the command it abandoned runs.
 */
const PIPE_GRACE_MS = 2_000;
/** Once we killed it, only what is already in the pipes is worth waiting for. */
const KILLED_PIPE_GRACE_MS = 50;

/** ProcessSpawner over child_process.spawn: argv only, stdin closed, own process group. */
export const childProcessSpawner: ProcessSpawner = {
  spawn(file, args, options): SpawnedProcess {
    // Its own process group, so a kill also reaches what ssh started (a ProxyJump hop, a ProxyCommand).
    const child = spawn(file, [...args], {
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    const endListeners: Array<(end: ProcessEnd) => void> = [];
    let ended: ProcessEnd | undefined;
    let killed = false;
    let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const stopWaiting = (): void => {
      if (!exited) return;
      child.stdout?.destroy();
      child.stderr?.destroy();
      finish(exited);
    };
    const finish = (end: ProcessEnd): void => {
      if (ended) return;
      ended = end;
      for (const listener of endListeners) listener(end);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      // 'error' without a pid: it never started. With one, 'exit' still follows.
      if (child.pid === undefined)
        finish({
          code: null,
          signal: null,
          startError: error.code === 'ENOENT' ? `${file} was not found on PATH` : error.message,
        });
    });
    child.on('close', (code, signal) => finish({ code, signal }));
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      setTimeout(stopWaiting, killed ? KILLED_PIPE_GRACE_MS : PIPE_GRACE_MS).unref();
    });
    return {
      onStdout: (listener) => void child.stdout?.on('data', (chunk: Buffer) => listener(chunk)),
      onStderr: (listener) => void child.stderr?.on('data', (chunk: Buffer) => listener(chunk)),
      onEnd(listener) {
        if (ended) listener(ended);
        else endListeners.push(listener);
      },
      kill(signal = 'SIGTERM') {
        killed = true;
        if (exited) {
          setTimeout(stopWaiting, KILLED_PIPE_GRACE_MS).unref();
          return;
        }
        if (child.pid === undefined) return;
        try {
          if (process.platform === 'win32') child.kill(signal);
          else process.kill(-child.pid, signal);
        } catch {
          // Already gone.
        }
      },
    };
  },
};
