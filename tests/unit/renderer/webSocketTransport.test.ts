import { describe, expect, it, vi } from 'vitest';
import { MuxdeckApiError, type WireClientMessage } from '../../../src-preload/api';
import type { SocketHandlers } from '../../../src-renderer/src/bridge/socketConnection';
import { createWebSocketTransport } from '../../../src-renderer/src/bridge/webSocketTransport';
import { parseServerMessage } from '../../../src-renderer/src/bridge/wireMessages';
import { serveSocketUrl } from '../../../src-renderer/src/bridge/serveSocketUrl';

function fakeSocket() {
  const sent: WireClientMessage[] = [];
  let handlers: SocketHandlers | undefined;
  const transport = createWebSocketTransport((h) => {
    handlers = h;
    return { send: (text) => sent.push(JSON.parse(text) as WireClientMessage), close: vi.fn() };
  });
  const server = {
    open: () => handlers?.onOpen(),
    close: () => handlers?.onClose(),
    send: (message: unknown) => handlers?.onMessage(JSON.stringify(message)),
  };
  return { transport, server, sent };
}

describe('serve-mode WebSocket transport', () => {
  it('queues calls until the socket opens, then sends them in order', () => {
    const { transport, server, sent } = fakeSocket();
    void transport.invoke('sessions:list', {});
    void transport.invoke('sessions:list', {});
    expect(sent).toEqual([]);
    expect(transport.connectionState()).toBe('connecting');
    server.open();
    expect(transport.connectionState()).toBe('connected');
    expect(sent.map((m) => [m.type, m.channel])).toEqual([
      ['invoke', 'sessions:list'],
      ['invoke', 'sessions:list'],
    ]);
    expect(sent[0]?.id).not.toBe(sent[1]?.id);
  });

  it('resolves each call with the response carrying its id, whatever the order', async () => {
    const { transport, server, sent } = fakeSocket();
    server.open();
    const first = transport.invoke('sessions:close', { sessionId: 'a' });
    const second = transport.invoke('sessions:close', { sessionId: 'b' });
    server.send({ type: 'response', id: sent[1]?.id, response: { ok: true, result: { closed: false } } });
    server.send({ type: 'response', id: sent[0]?.id, response: { ok: true, result: { closed: true } } });
    await expect(first).resolves.toEqual({ ok: true, result: { closed: true } });
    await expect(second).resolves.toEqual({ ok: true, result: { closed: false } });
  });

  it('forwards events to listeners', () => {
    const { transport, server } = fakeSocket();
    const listener = vi.fn();
    transport.onEvent(listener);
    server.open();
    server.send({
      type: 'event',
      message: { event: 'terminal:exit', payload: { terminalId: 't', exitCode: 1 } },
    });
    expect(listener).toHaveBeenCalledWith({
      event: 'terminal:exit',
      payload: { terminalId: 't', exitCode: 1 },
    });
  });

  it('fails every outstanding and queued call when the socket closes, and every later one', async () => {
    const { transport, server } = fakeSocket();
    const states: string[] = [];
    transport.onConnectionChange((state) => states.push(state));
    const queued = transport.invoke('sessions:list', {});
    server.open();
    const pending = transport.invoke('sessions:list', {});
    server.close();
    expect(transport.connectionState()).toBe('disconnected');
    expect(states).toEqual(['connected', 'disconnected']);
    for (const call of [queued, pending, transport.invoke('app:info', {})]) {
      await expect(call).rejects.toBeInstanceOf(MuxdeckApiError);
      await expect(call).rejects.toMatchObject({
        code: 'UNAVAILABLE',
        message: expect.stringContaining('Disconnected'),
      });
    }
  });

  it('ignores malformed frames and responses for unknown ids', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { transport, server } = fakeSocket();
    const listener = vi.fn();
    transport.onEvent(listener);
    server.open();
    server.send({ type: 'response', id: 999, response: { ok: true, result: {} } });
    server.send({ type: 'event', message: { event: 'not:an-event', payload: {} } });
    expect(listener).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe('parseServerMessage', () => {
  it('accepts responses and events, rejects everything else', () => {
    expect(parseServerMessage('{"type":"response","id":3,"response":{"ok":true,"result":1}}')).toEqual({
      type: 'response',
      id: 3,
      response: { ok: true, result: 1 },
    });
    expect(parseServerMessage('{"type":"response","id":3,"response":{"ok":false}}')).toBeUndefined();
    expect(parseServerMessage('not json')).toBeUndefined();
    expect(parseServerMessage('null')).toBeUndefined();
    expect(parseServerMessage('{"type":"invoke","id":1}')).toBeUndefined();
  });
});

describe('serveSocketUrl', () => {
  it('uses ws on http and wss on https, on the same host', () => {
    expect(serveSocketUrl({ protocol: 'http:', host: '127.0.0.1:7777' })).toBe('ws://127.0.0.1:7777/ws');
    expect(serveSocketUrl({ protocol: 'https:', host: 'jump.example' })).toBe('wss://jump.example/ws');
  });
});
