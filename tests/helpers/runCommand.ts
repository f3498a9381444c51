import { execFile } from 'node:child_process';

export interface CommandResult {
  stdout: string;
  stderr: string;
  /** Exit code; null when the process was killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunCommandOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
  input?: string;
}

/**
 * execFile with an argv array (never a shell string) that resolves with the exit status instead of rejecting
 * on a non-zero exit, so callers can assert on stderr. Only a failure to start the program rejects.
 */
export function runCommand(
  file: string,
  args: readonly string[],
  options: RunCommandOptions = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      {
        env: options.env ?? process.env,
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 20_000,
        killSignal: 'SIGKILL',
        maxBuffer: 16 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code === 'string') {
          reject(new Error(`cannot run ${file}: ${error.message}`, { cause: error }));
          return;
        }
        resolve({
          stdout,
          stderr,
          code: child.exitCode,
          signal: child.signalCode,
        });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/** Like runCommand but rejects with stdout/stderr in the message when the exit status is not 0. */
export async function runCommandOk(
  file: string,
  args: readonly string[],
  options: RunCommandOptions = {},
): Promise<CommandResult> {
  const result = await runCommand(file, args, options);
  if (result.code !== 0) {
    throw new Error(
      `${file} ${args.join(' ')} exited with ${result.code ?? result.signal}\n` +
        `stdout: ${result.stdout}\nstderr: ${result.stderr}`,
    );
  }
  return result;
}
