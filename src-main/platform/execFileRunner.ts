import { execFile } from 'node:child_process';
import type { CommandRunner, CommandResult } from '../ports';

/** CommandRunner over child_process.execFile: argv only, no shell. */
export const execFileRunner: CommandRunner = {
  run(file, args, options) {
    return new Promise<CommandResult>((resolve) => {
      execFile(
        file,
        [...args],
        {
          env: options?.env,
          timeout: options?.timeoutMs ?? 0,
          maxBuffer: 16 * 1024 * 1024,
          encoding: 'utf8',
        },
        (error, stdout, stderr) => {
          if (error && typeof error.code !== 'number') {
            // Not an exit status: the program could not be started (ENOENT) or was killed.
            const reason = error.code === 'ENOENT' ? `${file} was not found on PATH` : error.message;
            resolve({ stdout, stderr: stderr || reason, code: null });
            return;
          }
          resolve({ stdout, stderr, code: error ? (error.code as number) : 0 });
        },
      );
    });
  },
};
