/**
 * A file of numbered lines: `ls -l`-like (what people actually cat), each starting with its own line number,
 * so what xterm.js kept of it can be checked line by line (checkTail in bufferChecks.ts). Used by the
 * terminal benchmark and the scrollback e2e test.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

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
