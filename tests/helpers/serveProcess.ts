import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const BIN = resolve(__dirname, '../../bin/muxdeck.mjs');
const URL_LINE = /^Muxdeck is serving at (http:\/\/\S+)$/m;

export interface ServeProcess {
  url: string;
  pid: number;
  /** stdout and stderr so far, for diagnostics. */
  output(): string;
  /** SIGKILL: the way a crash ends the app. */
  crash(): Promise<void>;
  /** SIGTERM: a normal quit. */
  stop(): Promise<void>;
}

/** Another way to start serve mode (npm start, an installed package), and how long it may take. */
export interface ServeCommand {
  file: string;
  args: string[];
  cwd?: string;
  /** Until the URL line; a command that builds first needs longer. */
  timeoutMs?: number;
  /** A command that runs serve as its child (npm start): stop and crash end the whole group. */
  group?: boolean;
}

/** Runs `muxdeck serve` from the build, as a user would, and waits for the URL line it prints. */
export async function startServe(
  env: NodeJS.ProcessEnv,
  args: string[] = [],
  command: ServeCommand = { file: process.execPath, args: [BIN, 'serve', ...args] },
): Promise<ServeProcess> {
  const timeoutMs = command.timeoutMs ?? 30_000;
  const group = command.group ?? false;
  const child = spawn(command.file, command.args, {
    env,
    cwd: command.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: group,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`muxdeck serve printed no URL in ${timeoutMs / 1000} s:\n${output}`)),
      timeoutMs,
    );
    const check = (): void => {
      const match = URL_LINE.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        done(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`muxdeck serve exited with ${code} before printing its URL:\n${output}`));
    });
  });

  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      if (group && child.pid !== undefined) process.kill(-child.pid, signal);
      else child.kill(signal);
    }
    await exited;
  };
  return {
    url,
    pid: child.pid ?? -1,
    output: () => output,
    crash: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}
