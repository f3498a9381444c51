import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** The largest message taken: write_file's largest content in base64, and a little more. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
/** Bytes kept from each end of an oversized message: its tool name is near the start, its id at the end. */
const KEEP = 512;

export interface OversizedMessage {
  bytes: number;
  id?: string | number;
  tool?: string;
}

/**
 * MCP over stdin/stdout, one JSON-RPC message per line, like the SDK's StdioServerTransport, except that
 * a message too large is dropped as it streams in (never held in memory) and answered with an error for
 * its request id, instead of closing the connection: a 50 MB argument costs the agent that one call.
 */
export class BoundedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private parts: Buffer[] = [];
  private length = 0;
  private dropping?: { head: Buffer; tail: Buffer; bytes: number };
  private closed = false;

  constructor(
    private readonly opts: {
      stdin?: NodeJS.ReadableStream;
      stdout?: NodeJS.WritableStream;
      maxMessageBytes?: number;
      onOversized?: (message: OversizedMessage) => void;
    } = {},
  ) {}

  private get stdin(): NodeJS.ReadableStream {
    return this.opts.stdin ?? process.stdin;
  }

  private get stdout(): NodeJS.WritableStream {
    return this.opts.stdout ?? process.stdout;
  }

  start(): Promise<void> {
    this.stdin.on('data', this.onData);
    this.stdin.on('error', this.onError);
    this.stdin.on('end', this.onEnd);
    return Promise.resolve();
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const line = `${JSON.stringify(message)}\n`;
    await new Promise<void>((resolve) => {
      if (this.stdout.write(line)) resolve();
      else this.stdout.once('drain', () => resolve());
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.stdin.off('data', this.onData);
    this.stdin.off('error', this.onError);
    this.stdin.off('end', this.onEnd);
    this.stdin.pause();
    this.onclose?.();
    return Promise.resolve();
  }

  private readonly onError = (error: Error) => this.onerror?.(error);
  private readonly onEnd = () => void this.close();

  private readonly onData = (data: Buffer | string) => {
    const chunk = typeof data === 'string' ? Buffer.from(data) : data;
    let start = 0;
    while (start <= chunk.length) {
      const newline = chunk.indexOf(0x0a, start);
      const piece = chunk.subarray(start, newline < 0 ? chunk.length : newline);
      this.take(piece);
      if (newline < 0) break;
      this.endLine();
      start = newline + 1;
    }
  };

  private take(piece: Buffer): void {
    if (piece.length === 0) return;
    const max = this.opts.maxMessageBytes ?? MAX_MESSAGE_BYTES;
    if (this.dropping) {
      this.dropping.bytes += piece.length;
      this.dropping.tail = Buffer.concat([this.dropping.tail, piece]).subarray(-KEEP);
      return;
    }
    this.parts.push(piece);
    this.length += piece.length;
    if (this.length > max) {
      const all = Buffer.concat(this.parts);
      this.dropping = { head: all.subarray(0, KEEP), tail: all.subarray(-KEEP), bytes: all.length };
      this.parts = [];
      this.length = 0;
    }
  }

  private endLine(): void {
    if (this.dropping) {
      const { head, tail, bytes } = this.dropping;
      this.dropping = undefined;
      this.refuse(head.toString('utf8'), tail.toString('utf8'), bytes);
      return;
    }
    const line = Buffer.concat(this.parts).toString('utf8').replace(/\r$/, '');
    this.parts = [];
    this.length = 0;
    if (line.trim() === '') return;
    try {
      this.onmessage?.(JSONRPCMessageSchema.parse(JSON.parse(line)));
    } catch (error) {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private refuse(head: string, tail: string, bytes: number): void {
    const idMatch =
      /"id"\s*:\s*(\d+|"(?:[^"\\]|\\.){0,200}")\s*[,}]/.exec(tail) ??
      /"id"\s*:\s*(\d+|"(?:[^"\\]|\\.){0,200}")\s*[,}]/.exec(head);
    const tool = /"name"\s*:\s*"([a-z_]{1,40})"/.exec(head)?.[1];
    const id = idMatch?.[1] === undefined ? undefined : (JSON.parse(idMatch[1]) as string | number);
    this.opts.onOversized?.({ bytes, ...(id !== undefined ? { id } : {}), ...(tool ? { tool } : {}) });
    if (id === undefined) return;
    const max = this.opts.maxMessageBytes ?? MAX_MESSAGE_BYTES;
    void this.send({
      jsonrpc: '2.0',
      id,
      error: {
        code: -32600,
        message: `The request is ${Math.round(bytes / 1024 / 1024)} MB; Muxdeck takes at most ${Math.round(max / 1024 / 1024)} MB. Nothing was done.`,
      },
    });
  }
}
