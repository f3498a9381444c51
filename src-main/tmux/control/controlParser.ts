/**
 * The line protocol of a tmux control-mode client (`tmux -C`), read from its stdout as bytes.
 *
 * Every line is either a notification (`%output`, `%exit`, …), the start or end of one command's
 * reply (`%begin` … `%end`/`%error`), or a line of a reply. `%output` carries the exact bytes a pane's
 * program wrote, with control characters and backslash escaped as `\ooo`, so a reply line can never
 * contain a raw newline and the stream can be split on newlines safely.
 */

export interface ControlEvents {
  /** Bytes a pane wrote, already unescaped. */
  output(paneId: string, bytes: Buffer): void;
  /**
   * One command's reply ended: ok unless tmux answered %error; body holds its lines. fromClient is
   * tmux's flag for a command this client wrote (not the attach it started with, nor a hook).
   */
  reply(ok: boolean, body: readonly string[], fromClient: boolean): void;
  /** The client is now attached to a session: tmux runs its commands there, and sends its output. */
  attached(): void;
  /** tmux is ending this client (session killed, server gone, client too far behind…). */
  exit(reason: string | undefined): void;
  /** A format subscribed with `refresh-client -B name:what:format` has a new value. */
  subscription?(name: string, value: string): void;
}

const NEWLINE = 0x0a;
const CR = 0x0d;
const BACKSLASH = 0x5c;
const OUTPUT_PREFIX = Buffer.from('%output ');

export class ControlParser {
  /** The unfinished last line of the previous chunk. */
  private partial: Buffer | undefined;
  private body: string[] | undefined;

  constructor(private readonly events: ControlEvents) {}

  feed(chunk: Buffer): void {
    let data = chunk;
    if (this.partial) {
      data = Buffer.concat([this.partial, chunk]);
      this.partial = undefined;
    }
    let start = 0;
    for (;;) {
      const end = data.indexOf(NEWLINE, start);
      if (end === -1) break;
      this.line(data, start, end > start && data[end - 1] === CR ? end - 1 : end);
      start = end + 1;
    }
    if (start < data.length) this.partial = Buffer.from(data.subarray(start));
  }

  private line(data: Buffer, start: number, end: number): void {
    if (data[start] !== 0x25 /* % */) {
      this.body?.push(data.toString('utf8', start, end));
      return;
    }
    if (startsWith(data, start, end, OUTPUT_PREFIX)) {
      const idStart = start + OUTPUT_PREFIX.length;
      const space = data.indexOf(0x20, idStart);
      const idEnd = space === -1 || space > end ? end : space;
      const paneId = data.toString('latin1', idStart, idEnd);
      this.events.output(paneId, unescapeOutput(data, Math.min(idEnd + 1, end), end));
      return;
    }
    const text = data.toString('utf8', start, end);
    const word = text.split(' ', 1)[0];
    if (word === '%begin') {
      this.body = [];
    } else if (word === '%end' || word === '%error') {
      const body = this.body ?? [];
      this.body = undefined;
      // "%end <time> <number> <flags>": flags 1 marks a command read from this client's input.
      const flags = text.split(' ')[3];
      this.events.reply(word === '%end', body, flags === '1');
    } else if (word === '%session-changed') {
      this.events.attached();
    } else if (word === '%subscription-changed') {
      // "%subscription-changed <name> $session @window index %pane … : <value>"; the value may hold " : ".
      const separator = text.indexOf(' : ');
      if (separator !== -1) this.events.subscription?.(text.split(' ')[1] ?? '', text.slice(separator + 3));
    } else if (word === '%exit') {
      const reason = text.slice('%exit'.length).trim();
      this.events.exit(reason === '' ? undefined : reason);
    } else if (this.body) {
      // Inside a reply, a line that merely starts with % is part of the reply.
      this.body.push(text);
    }
    // Other notifications (%layout-change, %session-changed…) say nothing a terminal needs.
  }
}

function startsWith(data: Buffer, start: number, end: number, prefix: Buffer): boolean {
  if (end - start < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (data[start + i] !== prefix[i]) return false;
  return true;
}

function isOctal(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x37;
}

/** `\ooo` back to the byte it stands for; every other byte as it is. */
export function unescapeOutput(data: Buffer, start: number, end: number): Buffer {
  const first = data.indexOf(BACKSLASH, start);
  if (first === -1 || first >= end) return Buffer.from(data.subarray(start, end));
  const out = Buffer.allocUnsafe(end - start);
  let length = 0;
  let i = start;
  while (i < end) {
    const byte = data[i] as number;
    if (
      byte === BACKSLASH &&
      i + 3 < end + 1 &&
      isOctal(data[i + 1]) &&
      isOctal(data[i + 2]) &&
      isOctal(data[i + 3])
    ) {
      out[length++] =
        (((data[i + 1] as number) - 0x30) << 6) |
        (((data[i + 2] as number) - 0x30) << 3) |
        ((data[i + 3] as number) - 0x30);
      i += 4;
    } else {
      out[length++] = byte;
      i++;
    }
  }
  return out.subarray(0, length);
}
