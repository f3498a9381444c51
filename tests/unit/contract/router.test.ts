import { describe, expect, it } from 'vitest';
import { MuxdeckApiError, REQUEST_CHANNELS, type EventMessage } from '../../../src-preload/api';
import { ApiError } from '../../../src-main/common/apiError';
import { createRouter, type Handlers } from '../../../src-main/router/router';

const silent = { info() {}, warn() {}, error() {} };

function handlersWith(overrides: Partial<Handlers>): Handlers {
  const unexpected = () => {
    throw new Error('handler should not be called');
  };
  const all = Object.fromEntries(REQUEST_CHANNELS.map((c) => [c, unexpected])) as unknown as Handlers;
  return { ...all, ...overrides };
}

describe('router: the main-process edge of the contract', () => {
  it('refuses an unknown channel with a typed error and calls nothing', async () => {
    const router = createRouter({ handlers: handlersWith({}), logger: silent });
    const response = await router.connect(() => {}).invoke('shell:exec', { cmd: 'rm -rf /' });
    expect(response).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL', message: expect.stringContaining('shell:exec') },
    });
  });

  it.each([
    ['sessions:open', { hostId: 'ssh-config:a', cols: 'wide', rows: 24 }, 'cols'],
    ['sessions:open', { hostId: '', cols: 80, rows: 24 }, 'hostId'],
    ['sessions:open', { hostId: 'x', cols: 80, rows: 24, command: 'id' }, '(payload)'],
    ['terminal:input', { terminalId: '../../etc', data: 'x' }, 'terminalId'],
    ['sessions:close', { sessionId: 'a;b' }, 'sessionId'],
    ['terminal:resize', { terminalId: 't-1', cols: 100000, rows: 24 }, 'cols'],
    ['sessions:list', 'not an object', '(payload)'],
    ['settings:update', { patch: { reconnectAttempts: -1 } }, 'patch.reconnectAttempts'],
    ['settings:update', { patch: { logSizeCapMb: 0.5 } }, 'patch.logSizeCapMb'],
    [
      'settings:update',
      { patch: { terminal: { fontFamily: 'x; background: url(evil)' } } },
      'patch.terminal.fontFamily',
    ],
    ['settings:update', { patch: { password: 'hunter2' } }, 'patch'],
  ] as const)('rejects a bad %s payload and names the field (%j)', async (channel, payload, field) => {
    const router = createRouter({ handlers: handlersWith({}), logger: silent });
    const response = await router.connect(() => {}).invoke(channel, payload);
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.error.code).toBe('INVALID_PAYLOAD');
    expect(response.error.issues?.map((i) => i.path)).toContain(field);
    expect(response.error.message).toContain(channel);
  });

  it('passes validated params to the handler and returns its result', async () => {
    const seen: unknown[] = [];
    const router = createRouter({
      handlers: handlersWith({
        'terminal:resize': (params) => {
          seen.push(params);
          return {};
        },
      }),
      logger: silent,
    });
    const response = await router
      .connect(() => {})
      .invoke('terminal:resize', { terminalId: 't-1', cols: 100, rows: 30 });
    expect(response).toEqual({ ok: true, result: {} });
    expect(seen).toEqual([{ terminalId: 't-1', cols: 100, rows: 30 }]);
  });

  it('turns a deliberate ApiError into its code, and any other failure into INTERNAL', async () => {
    const router = createRouter({
      handlers: handlersWith({
        'sessions:close': () => {
          throw new ApiError('NOT_FOUND', 'No such session.');
        },
        'sessions:list': () => {
          throw new TypeError('boom');
        },
      }),
      logger: silent,
    });
    const connection = router.connect(() => {});
    expect(await connection.invoke('sessions:close', { sessionId: 'mx-1' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No such session.' },
    });
    const internal = await connection.invoke('sessions:list', {});
    expect(internal).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'sessions:list failed: boom' },
    });
  });

  it('broadcasts events to every connection and forgets a disposed one', () => {
    const router = createRouter({
      handlers: handlersWith({}),
      logger: silent,
      onDisconnect: (ctx) => received.push(`gone:${ctx.id}`),
    });
    const received: string[] = [];
    const a = router.connect((m: EventMessage) => received.push(`a:${m.event}`));
    router.connect((m: EventMessage) => received.push(`b:${m.event}`));
    a.dispose();
    router.broadcast({ event: 'sessions:changed', payload: { sessions: [] } });
    expect(received).toEqual(['gone:1', 'b:sessions:changed']);
    expect(router.connectionCount).toBe(1);
  });

  it('gives clients a typed error class carrying the code and field issues', () => {
    const error = new MuxdeckApiError({
      code: 'INVALID_PAYLOAD',
      message: 'bad',
      issues: [{ path: 'cols', message: 'x' }],
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('INVALID_PAYLOAD');
    expect(error.issues?.[0]?.path).toBe('cols');
  });
});
