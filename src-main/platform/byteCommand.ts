import { spawn } from 'node:child_process';

export interface ByteCommandResult {
  /** Exit code; null when killed (time-out) or never started. */
  code: number | null;
  stdout: Buffer;
  stderr: string;
  /** stdout went past maxStdout: the rest was dropped. */
  overflow: boolean;
  timedOut: boolean;
}

/** A program run with argv (never a shell), bytes in on stdin and bytes out on stdout. */
export type ByteCommandRunner = (
  file: string,
  args: readonly string[],
  opts: { env: NodeJS.ProcessEnv; stdin?: Buffer; timeoutMs: number; maxStdout: number },
) => Promise<ByteCommandResult>;

const MAX_STDERR = 64 * 1024;

export const nodeByteCommand: ByteCommandRunner = (file, args, opts) =>
  new Promise((resolve) => {
    const child = spawn(file, args, { env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let outBytes = 0;
    let overflow = false;
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (outBytes + chunk.length > opts.maxStdout) {
        out.push(chunk.subarray(0, Math.max(0, opts.maxStdout - outBytes)));
        outBytes = opts.maxStdout;
        overflow = true;
        return;
      }
      out.push(chunk);
      outBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8');
    });
    // The remote side may stop reading early (an error): a broken pipe is its answer, not a crash here.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.stdin ?? Buffer.alloc(0));
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, stdout: Buffer.alloc(0), stderr: error.message, overflow, timedOut });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr: stderr.slice(0, MAX_STDERR), overflow, timedOut });
    });
  });
