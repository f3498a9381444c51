/**
 * The file the terminal benchmark `cat`s: `ls -l`-like lines (what people actually cat), each starting with
 * its own line number, so what xterm kept of it can be checked line by line. And the same file through plain
 * ssh, the ceiling the terminal path is compared with.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { FakeHome } from '../helpers/sshd';

/** Line `index` (from 0) of the corpus, without its newline: about 80 characters, never wrapping at 128. */
export function corpusLine(index: number): string {
  const size = String((index * 7919) % 999_999).padStart(7);
  const minute = String(index % 60).padStart(2, '0');
  return `${String(index).padStart(9, '0')} -rw-r--r-- 1 muxdeck staff ${size} Nov 23 12:${minute} file-${index}.log`;
}

const CORPUS_LINE = /^\d{9} -rw-r--r-- 1 muxdeck staff /;

/** A line that looks like one of the corpus (perhaps torn: checkTail compares whole lines). */
export function isCorpusLine(line: string): boolean {
  return CORPUS_LINE.test(line);
}

export async function writeCorpus(
  file: string,
  megabytes: number,
): Promise<{ bytes: number; lines: number }> {
  const out = createWriteStream(file);
  const target = megabytes * 1_000_000;
  let bytes = 0;
  let lines = 0;
  while (bytes < target) {
    const text = `${corpusLine(lines)}\n`;
    bytes += text.length;
    lines += 1;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { bytes, lines };
}

/** Runs ssh with its output read and thrown away (a pipe, not a buffer: 100 MB would not fit). */
async function timedSsh(fake: FakeHome, args: readonly string[]): Promise<number> {
  const started = performance.now();
  const child = spawn('ssh', ['-F', fake.configFile, ...args], {
    env: fake.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stdout.resume();
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`ssh ${args.join(' ')} failed (${code}): ${stderr}`);
  return (performance.now() - started) / 1000;
}

/** The same file through plain ssh: into a pipe, and through a remote pty (as the terminal path is). */
export async function plainSshCat(
  fake: FakeHome,
  host: string,
  file: string,
  bytes: number,
): Promise<Record<string, number>> {
  const handshake = await timedSsh(fake, [host, 'true']);
  const toDevNull = await timedSsh(fake, [host, `cat ${file}`]);
  const throughPty = await timedSsh(fake, ['-tt', host, `cat ${file}`]);
  const rate = (seconds: number): number =>
    Math.round((bytes / 1e6 / Math.max(0.001, seconds - handshake)) * 10) / 10;
  return {
    sshHandshakeSeconds: Math.round(handshake * 100) / 100,
    sshPipeMBps: rate(toDevNull),
    sshPtyToPipeMBps: rate(throughPty),
  };
}
