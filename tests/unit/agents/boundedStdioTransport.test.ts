import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import {
  BoundedStdioTransport,
  type OversizedMessage,
} from '../../../src-main/transport/mcp/boundedStdioTransport';

function setup(maxMessageBytes: number) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const written: string[] = [];
  stdout.on('data', (chunk: Buffer) => written.push(chunk.toString()));
  const received: JSONRPCMessage[] = [];
  const oversized: OversizedMessage[] = [];
  let closed = false;
  const transport = new BoundedStdioTransport({
    stdin,
    stdout,
    maxMessageBytes,
    onOversized: (m) => oversized.push(m),
  });
  transport.onmessage = (m) => received.push(m);
  transport.onclose = () => (closed = true);
  return { stdin, written, received, oversized, transport, closed: () => closed };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('BoundedStdioTransport', () => {
  it('delivers messages split anywhere across chunks', async () => {
    const t = setup(1024);
    await t.transport.start();
    const line = `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' })}\n`;
    for (const ch of line + line) t.stdin.write(ch);
    await flush();
    expect(t.received).toHaveLength(2);
  });

  it('refuses an oversized request with an error for its id, and keeps the connection', async () => {
    const t = setup(1024);
    await t.transport.start();
    const big = {
      jsonrpc: '2.0',
      method: 'tools/call',
      params: { name: 'exec', arguments: { command: 'x'.repeat(10_000) } },
      id: 7,
    };
    t.stdin.write(`${JSON.stringify(big)}\n`);
    t.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'ping' })}\n`);
    await flush();
    expect(t.oversized).toEqual([{ bytes: expect.any(Number), id: 7, tool: 'exec' }]);
    const reply = JSON.parse(t.written.join('')) as { id: number; error: { message: string } };
    expect(reply.id).toBe(7);
    expect(reply.error.message).toMatch(/Nothing was done/);
    expect(t.received).toEqual([{ jsonrpc: '2.0', id: 8, method: 'ping' }]);
    expect(t.closed()).toBe(false);
  });

  it('reports a line that is not JSON without closing', async () => {
    const t = setup(1024);
    const errors: Error[] = [];
    t.transport.onerror = (e) => errors.push(e);
    await t.transport.start();
    t.stdin.write('not json\n');
    await flush();
    expect(errors).toHaveLength(1);
    expect(t.closed()).toBe(false);
    t.stdin.end();
    await flush();
    expect(t.closed()).toBe(true);
  });
});
