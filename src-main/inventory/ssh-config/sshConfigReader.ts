import { isAbsolute, join } from 'node:path';
import type { FileReader } from '../../ports';
import { globPaths } from './globPaths';
import { parseSshConfigLine, type SshConfigLine } from './sshConfigLine';

/** A `Host` (or `Match`) section with the options that follow it, in file order. */
export interface SshConfigBlock {
  kind: 'host' | 'match';
  /** Host patterns, or the Match criteria as written. Empty for the options before any Host line. */
  patterns: string[];
  options: SshConfigLine[];
  file: string;
  line: number;
}

/** OpenSSH's own limit on nested Include. */
const MAX_INCLUDE_DEPTH = 16;

/**
 * Reads an ssh_config file and everything it Includes, as OpenSSH does: Include takes
 * globs, `~` is the user's home, relative paths are relative to ~/.ssh, included
 * files are read in place, and a missing included file is not an error.
 */
export async function readSshConfig(opts: {
  file: string;
  home: string;
  files: FileReader;
  /** Filled with every Include pattern met (absolute), to watch where included files may appear. */
  includes?: Set<string>;
}): Promise<SshConfigBlock[]> {
  const blocks: SshConfigBlock[] = [{ kind: 'host', patterns: ['*'], options: [], file: opts.file, line: 0 }];
  await readInto(blocks, opts.file, opts, 0, new Set());
  return blocks;
}

async function readInto(
  blocks: SshConfigBlock[],
  file: string,
  ctx: { home: string; files: FileReader; includes?: Set<string> },
  depth: number,
  stack: Set<string>,
): Promise<void> {
  const text = await ctx.files.readText(file);
  stack.add(file);
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const parsed = parseSshConfigLine(lines[i] ?? '', file, i + 1);
    if (!parsed) continue;
    if (parsed.keyword === 'host' || parsed.keyword === 'match') {
      blocks.push({ kind: parsed.keyword, patterns: parsed.args, options: [], file, line: i + 1 });
    } else if (parsed.keyword === 'include') {
      if (depth + 1 >= MAX_INCLUDE_DEPTH) continue;
      const current = blocks[blocks.length - 1];
      for (const pattern of parsed.args) {
        const resolved = resolveIncludePath(pattern, ctx.home);
        ctx.includes?.add(resolved);
        for (const included of await globPaths(resolved, ctx.files)) {
          if (stack.has(included)) continue;
          await readInto(blocks, included, ctx, depth + 1, stack).catch((error: unknown) => {
            if (!isMissingFile(error)) throw error;
          });
        }
      }
      // Lines after an Include still belong to the section the Include sat in.
      if (current && blocks[blocks.length - 1] !== current) blocks.push({ ...current, options: [] });
    } else {
      blocks[blocks.length - 1]?.options.push(parsed);
    }
  }
  stack.delete(file);
}

function resolveIncludePath(pattern: string, home: string): string {
  if (pattern === '~' || pattern.startsWith('~/')) return join(home, pattern.slice(1));
  return isAbsolute(pattern) ? pattern : join(home, '.ssh', pattern);
}

export function isMissingFile(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
