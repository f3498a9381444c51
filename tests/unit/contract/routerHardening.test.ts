import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  MAX_TREE_MUTATIONS,
  REQUEST_CHANNELS,
  type ApiResponse,
  type RequestResult,
} from '../../../src-preload/api';
import { keepRunningOnStrayRejections } from '../../../src-main/app/strayRejections';
import { createRouter, type Handlers } from '../../../src-main/router/router';
import {
  MAX_RUNNING_REQUESTS_PER_CONNECTION,
  MAX_WAITING_REQUESTS_PER_CONNECTION,
} from '../../../src-main/router/requestQueue';
import { deeplySplitTab } from '../store/storeFixtures';

const silent = { info() {}, warn() {}, error() {} };
const APP_INFO = { version: '1', platform: 'linux', transport: 'serve', home: '/h' } as const;

function handlersWith(overrides: Partial<Handlers>): Handlers {
  const unexpected = () => {
    throw new Error('handler should not be called');
  };
  const all = Object.fromEntries(REQUEST_CHANNELS.map((c) => [c, unexpected])) as unknown as Handlers;
  return { ...all, 'app:info': () => APP_INFO, ...overrides };
}

function codeOf(response: ApiResponse): string {
  return response.ok ? 'ok' : response.error.code;
}

function layoutWith(depth: number): unknown {
  return { layout: { tabs: [deeplySplitTab(depth)], groups: [], activeTabId: 'tab-deep' } };
}

describe('router hardening (security review, issue 11)', () => {
  it.each([700, 500, 33])(
    'refuses layout:set of splits nested %i deep, calls nothing, and keeps serving',
    async (depth) => {
      let saved = 0;
      const router = createRouter({
        handlers: handlersWith({ 'layout:set': () => (saved++, {}) }),
        logger: silent,
      });
      const connection = router.connect(() => {});
      const response = await connection.invoke('layout:set', layoutWith(depth));
      expect(codeOf(response)).toBe('INVALID_PAYLOAD');
      expect(saved).toBe(0);
      expect(await connection.invoke('app:info', {})).toEqual({ ok: true, result: APP_INFO });
    },
  );

  it('accepts a layout of 32 nested splits (the bound), so real layouts are still saved', async () => {
    let saved = 0;
    const router = createRouter({
      handlers: handlersWith({ 'layout:set': () => (saved++, {}) }),
      logger: silent,
    });
    expect(codeOf(await router.connect(() => {}).invoke('layout:set', layoutWith(32)))).toBe('ok');
    expect(saved).toBe(1);
  });

  it('refuses any payload nested 100,000 deep before a schema sees it', async () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const router = createRouter({ handlers: handlersWith({}), logger: silent });
    const connection = router.connect(() => {});
    for (const channel of ['tree:import', 'settings:update', 'app:info', 'terminal:input']) {
      const response = await connection.invoke(channel, { x: deep });
      expect(response.ok ? '' : response.error.message).toContain('nested deeper than');
    }
  });

  it('answers a handler that throws or rejects (a stack overflow included) with INTERNAL', async () => {
    const errors: unknown[] = [];
    const router = createRouter({
      handlers: handlersWith({
        'store:notices': () => {
          throw new RangeError('Maximum call stack size exceeded');
        },
        'sessions:list': () => Promise.reject(new Error('tmux went away')),
      }),
      logger: { ...silent, error: (_m, fields) => errors.push(fields) },
    });
    const connection = router.connect(() => {});
    const thrown = await connection.invoke('store:notices', {});
    expect(thrown).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'store:notices failed: Maximum call stack size exceeded' },
    });
    expect(codeOf(await connection.invoke('sessions:list', {}))).toBe('INTERNAL');
    expect(errors).toHaveLength(2);
    expect(codeOf(await connection.invoke('app:info', {}))).toBe('ok');
  });

  it(`refuses more than ${MAX_TREE_MUTATIONS} mutations, or more than 100,000 host ids, in one tree:apply`, async () => {
    const router = createRouter({ handlers: handlersWith({}), logger: silent });
    const connection = router.connect(() => {});
    const expand = { op: 'layout.expand', nodeId: 'n', expanded: true };
    const many = await connection.invoke('tree:apply', {
      mutations: Array(MAX_TREE_MUTATIONS + 1).fill(expand),
    });
    expect(codeOf(many)).toBe('INVALID_PAYLOAD');
    const ids = Array.from({ length: 60_000 }, (_, i) => `ssh-config:h${i}`);
    const wide = await connection.invoke('tree:apply', {
      mutations: [
        { op: 'recent.remove', hostIds: ids },
        { op: 'recent.remove', hostIds: ids },
      ],
    });
    expect(wide.ok ? '' : wide.error.message).toContain('at most 100000 hosts in one request');
  });

  it('answers BUSY past the queue of one connection, while another connection and keystrokes are served', async () => {
    const release: Array<() => void> = [];
    const opened: number[] = [];
    let typed = 0;
    const router = createRouter({
      handlers: handlersWith({
        'sessions:open': ({ cols }) =>
          new Promise<RequestResult<'sessions:open'>>((resolve) =>
            release.push(() => {
              opened.push(cols);
              resolve({} as RequestResult<'sessions:open'>);
            }),
          ),
        'terminal:input': () => (typed++, {}),
      }),
      logger: silent,
    });
    const flooder = router.connect(() => {});
    const total = MAX_RUNNING_REQUESTS_PER_CONNECTION + MAX_WAITING_REQUESTS_PER_CONNECTION;
    const flood = Array.from({ length: total }, (_, i) =>
      flooder.invoke('sessions:open', { hostId: 'ssh-config:a', cols: 10 + i, rows: 24 }),
    );
    // Only MAX_RUNNING reached the service; the rest wait in order.
    await Promise.resolve();
    expect(release).toHaveLength(MAX_RUNNING_REQUESTS_PER_CONNECTION);

    const refused = await flooder.invoke('sessions:open', { hostId: 'ssh-config:a', cols: 80, rows: 24 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    expect(codeOf(await flooder.invoke('terminal:input', { terminalId: 't-1', data: 'x' }))).toBe('ok');
    expect(typed).toBe(1);
    const other = router.connect(() => {});
    expect(await other.invoke('app:info', {})).toEqual({ ok: true, result: APP_INFO });

    while (release.length > 0) {
      release.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await Promise.all(flood)).every((r) => r.ok)).toBe(true);
    expect(opened).toEqual(Array.from({ length: total }, (_, i) => 10 + i));
  });

  it('logs a stray rejection and keeps the process (serve, Electron main) running', () => {
    const processLike = new EventEmitter();
    const logged: unknown[] = [];
    const stop = keepRunningOnStrayRejections(processLike, {
      ...silent,
      error: (message, fields) => logged.push({ message, fields }),
    });
    processLike.emit('unhandledRejection', new RangeError('Maximum call stack size exceeded'));
    expect(logged).toEqual([
      {
        message: 'unhandled rejection (kept running)',
        fields: { error: 'RangeError: Maximum call stack size exceeded' },
      },
    ]);
    stop();
    expect(processLike.listenerCount('unhandledRejection')).toBe(0);
  });
});

describe('invalid payload answers stay small', () => {
  it('reports at most 20 issues for 120,000 bad host ids', async () => {
    const router = createRouter({ handlers: handlersWith({}), logger: silent });
    const response = await router
      .connect(() => {})
      .invoke('run:start', {
        hostIds: Array.from({ length: 120_000 }, () => 7),
        command: 'uptime',
      });
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.error.code).toBe('INVALID_PAYLOAD');
    expect(response.error.issues?.length).toBeLessThanOrEqual(20);
    expect(response.error.message.length).toBeLessThan(5_000);
  });
});
