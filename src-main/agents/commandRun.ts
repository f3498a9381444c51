import { beginMarker, safeOutputEnd } from './execMarkers';
import { redactPrivateKeys } from './redaction';
import { terminalText } from './terminalText';

/** The most output one command hands an agent; what comes beyond is dropped and `truncated` says so. */
export const OUTPUT_CAP_BYTES = 1024 * 1024;
/** Bytes kept after the cap only to find the end marker in. */
const SCAN_TAIL_BYTES = 256;

export interface OutputPiece {
  output: string;
  finished: boolean;
  exitCode?: number;
  truncated: boolean;
}

/**
 * One command an agent runs in a session, fed with everything its pane prints from the moment it was
 * typed: finds the begin and end markers of its nonce, keeps at most OUTPUT_CAP_BYTES of output between
 * them, and hands the output out in pieces (exec, then read_output) as plain text, private keys redacted.
 */
export class CommandRun {
  private head = Buffer.alloc(0);
  private started = false;
  private pending = Buffer.alloc(0);
  private scanTail = Buffer.alloc(0);
  private delivered = 0;
  private overflowed = false;
  private ended?: { exitCode: number };
  private readonly begin: Buffer;
  private readonly endPrefix: Buffer;

  constructor(
    readonly nonce: string,
    readonly command: string,
    readonly startedAt: number,
  ) {
    this.begin = Buffer.from(beginMarker(nonce), 'latin1');
    this.endPrefix = Buffer.from(`\x1b]777;muxdeck-end;${nonce};`, 'latin1');
  }

  get finished(): boolean {
    return this.ended !== undefined;
  }

  get exitCode(): number | undefined {
    return this.ended?.exitCode;
  }

  /** The pane died under the command (it ran `exit`, or ssh dropped): ssh's exit status is the command's. */
  endWithPane(exitStatus: number | undefined): void {
    if (!this.ended) this.ended = { exitCode: exitStatus ?? 255 };
  }

  feed(chunk: Buffer): void {
    if (this.ended || chunk.length === 0) return;
    let body = chunk;
    if (!this.started) {
      this.head = Buffer.concat([this.head, chunk]);
      const at = this.head.indexOf(this.begin);
      if (at < 0) {
        // The echo of the typed line comes first; keep only what could be the start of the marker.
        if (this.head.length > OUTPUT_CAP_BYTES) this.head = this.head.subarray(-this.begin.length);
        return;
      }
      this.started = true;
      body = this.head.subarray(at + this.begin.length);
      this.head = Buffer.alloc(0);
    }
    if (this.overflowed) {
      this.scanTail = Buffer.concat([this.scanTail, body]);
      this.findEnd(this.scanTail, false);
      if (!this.ended) this.scanTail = this.scanTail.subarray(-SCAN_TAIL_BYTES);
      return;
    }
    this.pending = Buffer.concat([this.pending, body]);
    this.findEnd(this.pending, true);
    if (this.ended) return;
    const room = OUTPUT_CAP_BYTES - this.delivered;
    if (this.pending.length > room + SCAN_TAIL_BYTES) {
      this.overflowed = true;
      this.scanTail = this.pending.subarray(-SCAN_TAIL_BYTES);
      this.pending = this.pending.subarray(0, Math.max(0, room));
    }
  }

  /** Output not handed out yet: everything once finished, else whole lines only (never half a marker or key). */
  take(): OutputPiece {
    let end = this.pending.length;
    if (!this.ended && !this.overflowed) {
      end = safeOutputEnd(this.pending, 0);
      const newline = this.pending.lastIndexOf(0x0a, end - 1);
      end = newline < 0 ? 0 : newline + 1;
      end = holdOpenKeyBlock(this.pending, end);
    }
    const piece = this.pending.subarray(0, end);
    this.pending = this.pending.subarray(end);
    this.delivered += piece.length;
    const text = redactPrivateKeys(terminalText(piece.toString('utf8'))).text;
    return {
      output: text,
      finished: this.ended !== undefined,
      ...(this.ended ? { exitCode: this.ended.exitCode } : {}),
      truncated: this.overflowed,
    };
  }

  private findEnd(buffer: Buffer, trimPending: boolean): void {
    const at = buffer.indexOf(this.endPrefix);
    if (at < 0) return;
    const codeStart = at + this.endPrefix.length;
    const bel = buffer.indexOf(0x07, codeStart);
    if (bel < 0) return;
    const code = buffer.subarray(codeStart, bel).toString('latin1');
    this.ended = { exitCode: /^\d{1,3}$/.test(code) ? Number(code) : 255 };
    if (trimPending) this.pending = this.pending.subarray(0, at);
  }
}

/** A private key block that has begun but not ended is held back until its end arrives (then redacted whole). */
function holdOpenKeyBlock(buffer: Buffer, end: number): number {
  const text = buffer.subarray(0, end).toString('latin1');
  const begin = text.lastIndexOf('-----BEGIN ');
  if (begin < 0 || !/^-----BEGIN [A-Z0-9 ]*PRIVATE KEY/.test(text.slice(begin))) return end;
  return /-----END [A-Z0-9 ]*PRIVATE KEY/.test(text.slice(begin)) ? end : begin;
}
