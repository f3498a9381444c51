import type { ByteCommandRunner } from '../platform/byteCommand';
import type { RunTarget } from '../run/runTargets';
import { AgentError } from './agentError';
import { newNonce, singleQuote } from './execMarkers';

export const MAX_FILE_BYTES = 8 * 1024 * 1024;
const TRANSFER_TIMEOUT_MS = 120_000;
const MAX_PATH_CHARS = 4096;

/**
 * read_file / write_file: bytes over the session's host connection (ssh -T riding the same shared master
 * as its pane, exactly as `muxdeck run` does), never typed into the pane, so any byte survives. Paths are
 * the remote user's (relative ones start at their home). A write goes to a temporary file beside the
 * target and is renamed over it only when complete: a refused or failed write changes nothing.
 */
export class RemoteFiles {
  constructor(
    private readonly deps: {
      runTargets: (hostIds: readonly string[]) => Promise<RunTarget[]>;
      run: ByteCommandRunner;
      env: NodeJS.ProcessEnv;
    },
  ) {}

  async read(hostId: string, path: string, maxBytes: number): Promise<{ content: Buffer; size: number }> {
    checkPath(path);
    const f = singleQuote(path);
    const script =
      `f=${f}; if [ ! -e "$f" ]; then echo "no such file" >&2; exit 66; fi; ` +
      `if [ ! -f "$f" ]; then echo "not a regular file" >&2; exit 66; fi; ` +
      `wc -c < "$f" && head -c ${maxBytes} < "$f"`;
    const result = await this.ssh(hostId, script, undefined, maxBytes + 64);
    if (result.code !== 0) throw remoteError('read', path, result.stderr, result.code);
    const newline = result.stdout.indexOf(0x0a);
    const size = Number.parseInt(result.stdout.subarray(0, newline).toString('latin1').trim(), 10);
    if (newline < 0 || !Number.isFinite(size))
      throw remoteError('read', path, 'unexpected answer from the host', null);
    return { content: result.stdout.subarray(newline + 1, newline + 1 + maxBytes), size };
  }

  async write(hostId: string, path: string, content: Buffer, mode?: string): Promise<number> {
    checkPath(path);
    if (mode !== undefined && !/^0?[0-7]{3}$/.test(mode))
      throw new AgentError(
        'INVALID_INPUT',
        `mode is octal like "644" or "0600", got ${JSON.stringify(mode)}.`,
      );
    const f = singleQuote(path);
    const temp = `"$f.muxdeck-${newNonce().slice(0, 12)}.tmp"`;
    const script =
      `f=${f}; t=${temp}; ` +
      `if [ -e "$f" ] && [ ! -f "$f" ]; then echo "not a regular file" >&2; exit 66; fi; ` +
      // A copy first keeps an existing file's mode; a new file gets the remote umask's.
      `if [ -f "$f" ]; then cp -p "$f" "$t" 2>/dev/null || : > "$t" || exit 73; else : > "$t" || exit 73; fi; ` +
      `if cat > "$t"${mode ? ` && chmod ${mode} "$t"` : ''} && mv -f "$t" "$f"; then wc -c < "$f"; else rm -f "$t"; exit 74; fi`;
    const result = await this.ssh(hostId, script, content, 64);
    if (result.code !== 0) throw remoteError('write', path, result.stderr, result.code);
    return Number.parseInt(result.stdout.toString('latin1').trim(), 10) || content.length;
  }

  private async ssh(hostId: string, script: string, stdin: Buffer | undefined, maxStdout: number) {
    const [target] = await this.deps.runTargets([hostId]);
    if (!target?.argv) throw new AgentError('REMOTE_FAILED', target?.problem ?? `No host ${hostId}.`);
    const [file, ...args] = await target.argv(script, 20);
    if (!file) throw new AgentError('REMOTE_FAILED', 'No ssh command for this host.');
    return this.deps.run(file, args, {
      env: this.deps.env,
      ...(stdin ? { stdin } : {}),
      timeoutMs: TRANSFER_TIMEOUT_MS,
      maxStdout,
    });
  }
}

export function pathProblem(path: string): string | undefined {
  if (path.length === 0) return 'the path is empty';
  if (path.length > MAX_PATH_CHARS) return `the path is longer than ${MAX_PATH_CHARS} characters`;
  if ([...path].some((ch) => (ch.codePointAt(0) ?? 0) < 0x20 || ch === '\x7f'))
    return 'the path contains control characters';
  return undefined;
}

function checkPath(path: string): void {
  const problem = pathProblem(path);
  if (problem) throw new AgentError('INVALID_INPUT', `Nothing was done: ${problem}.`);
}

function remoteError(what: 'read' | 'write', path: string, stderr: string, code: number | null): AgentError {
  const words = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .slice(-3)
    .join(' / ');
  const detail = words || (code === null ? 'timed out or could not start ssh' : `exit ${code}`);
  return new AgentError(
    'REMOTE_FAILED',
    `Could not ${what} ${JSON.stringify(path)}: ${detail}.${what === 'write' ? ' Nothing was changed.' : ''}`,
  );
}
