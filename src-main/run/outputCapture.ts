/** Per stream, per host: a run on 500 hosts that each print a log must not hold gigabytes. */
export const DEFAULT_OUTPUT_CAP_BYTES = 1024 * 1024;

/** Keeps the first `cap` bytes of a stream and counts the rest. */
export class OutputCapture {
  private readonly chunks: Uint8Array[] = [];
  private kept = 0;
  private total = 0;

  constructor(private readonly cap: number = DEFAULT_OUTPUT_CAP_BYTES) {}

  push(chunk: Uint8Array): void {
    this.total += chunk.byteLength;
    const room = this.cap - this.kept;
    if (room <= 0) return;
    const part = chunk.byteLength <= room ? chunk : chunk.subarray(0, room);
    this.chunks.push(part);
    this.kept += part.byteLength;
  }

  get bytes(): number {
    return this.total;
  }

  get truncated(): boolean {
    return this.total > this.kept;
  }

  /** UTF-8 text of what was kept; a character cut at the cap becomes U+FFFD. */
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

const FIRST_LINE_MAX = 200;

/** The first line with something on it, for the results grid. */
export function firstLine(...texts: readonly string[]): string {
  for (const text of texts) {
    // Bounded scan: the first line of a 1 MB blob without newlines is still cut.
    const head = text.slice(0, 64 * 1024);
    const line = head.split(/\r?\n/).find((candidate) => candidate.trim().length > 0);
    if (line !== undefined) {
      // eslint-disable-next-line no-control-regex -- stripping control characters is the point
      const clean = line.replace(/\u001b\[[0-9;?]*[A-Za-z]|[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
      return clean.length > FIRST_LINE_MAX ? `${clean.slice(0, FIRST_LINE_MAX - 1)}…` : clean;
    }
  }
  return '';
}
