import { describe, expect, it, vi } from 'vitest';
import { MuxdeckApiError, type EventMessage } from '../../../src-preload/api';
import { createMuxdeckClient, readResponse } from '../../../src-renderer/src/bridge/client';
import { session } from './fixtures';
import { FakeTransport } from './fakeTransport';

describe('readResponse', () => {
  it('returns the result of an ok response', () => {
    expect(readResponse('sessions:close', { ok: true, result: { closed: true } })).toEqual({ closed: true });
  });

  it('throws MuxdeckApiError carrying the code, message and issues of an error response', () => {
    const issues = [{ path: 'hostId', message: 'Required' }];
    let thrown: unknown;
    try {
      readResponse('sessions:open', {
        ok: false,
        error: { code: 'INVALID_PAYLOAD', message: 'bad open', issues },
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MuxdeckApiError);
    expect(thrown).toMatchObject({ code: 'INVALID_PAYLOAD', message: 'bad open', issues });
  });

  it('rejects a result that does not match the contract', () => {
    expect(() => readResponse('terminal:attach', { ok: true, result: { terminalId: 'has spaces' } })).toThrow(
      expect.objectContaining({ code: 'INTERNAL', message: expect.stringContaining('terminal:attach') }),
    );
  });
});

describe('createMuxdeckClient', () => {
  it('sends the channel and params through the transport and resolves with the parsed result', async () => {
    const transport = new FakeTransport();
    transport.answer('sessions:list', { ok: true, result: [session('a')] });
    const client = createMuxdeckClient(transport);
    await expect(client.invoke('sessions:list', {})).resolves.toEqual([session('a')]);
    expect(transport.calls).toEqual([{ channel: 'sessions:list', payload: {} }]);
  });

  it('rejects with the server error code when the answer is ok:false', async () => {
    const transport = new FakeTransport();
    transport.answer('sessions:open', {
      ok: false,
      error: { code: 'INVALID_HOST', message: 'name starts with -' },
    });
    const client = createMuxdeckClient(transport);
    await expect(client.invoke('sessions:open', { hostId: 'x', cols: 80, rows: 24 })).rejects.toMatchObject({
      name: 'MuxdeckApiError',
      code: 'INVALID_HOST',
      message: 'name starts with -',
    });
  });

  it('delivers each event only to its subscribers, until they unsubscribe', () => {
    const transport = new FakeTransport();
    const client = createMuxdeckClient(transport);
    const onData = vi.fn();
    const onExit = vi.fn();
    const stop = client.on('terminal:data', onData);
    client.on('terminal:exit', onExit);

    transport.emit({ event: 'terminal:data', payload: { terminalId: 't1', data: 'hi' } });
    expect(onData).toHaveBeenCalledWith({ terminalId: 't1', data: 'hi' });
    expect(onExit).not.toHaveBeenCalled();

    stop();
    transport.emit({ event: 'terminal:data', payload: { terminalId: 't1', data: 'again' } });
    expect(onData).toHaveBeenCalledTimes(1);
  });

  it('drops events whose payload breaks the contract', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const transport = new FakeTransport();
    const client = createMuxdeckClient(transport);
    const onChanged = vi.fn();
    client.on('sessions:changed', onChanged);
    transport.emit({ event: 'sessions:changed', payload: { sessions: 'nope' } } as unknown as EventMessage);
    expect(onChanged).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('keeps delivering to other subscribers when one throws', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const transport = new FakeTransport();
    const client = createMuxdeckClient(transport);
    const healthy = vi.fn();
    client.on('terminal:exit', () => {
      throw new Error('broken subscriber');
    });
    client.on('terminal:exit', healthy);
    transport.emit({ event: 'terminal:exit', payload: { terminalId: 't1', exitCode: 0 } });
    expect(healthy).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });

  it('stops listening to the transport on dispose', () => {
    const transport = new FakeTransport();
    const client = createMuxdeckClient(transport);
    expect(transport.listenerCount).toBe(1);
    client.dispose();
    expect(transport.listenerCount).toBe(0);
  });
});
