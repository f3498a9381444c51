import type { z } from 'zod';
import {
  isRequestChannel,
  MAX_PAYLOAD_DEPTH,
  nestsDeeperThan,
  requests,
  type ApiResponse,
  type EventMessage,
  type RequestChannel,
  type RequestResult,
} from '../../src-preload/api';
import { ApiError } from '../common/apiError';
import type { Logger } from '../ports';
import { createRequestQueue } from './requestQueue';

const MAX_REPORTED_ISSUES = 20;

/**
 * Keystrokes, sizes and acknowledgements skip the per-connection queue: they are small, synchronous and
 * bounded by their schemas, and typing must never wait behind a slow sessions:open.
 */
const DATA_PLANE: ReadonlySet<RequestChannel> = new Set<RequestChannel>([
  'terminal:input',
  'terminal:resize',
  'terminal:ack',
  'terminal:broadcast',
]);

/** One renderer connected through some transport (an Electron window, a serve-mode WebSocket). */
export interface ConnectionContext {
  readonly id: number;
  send(message: EventMessage): void;
  /** Terminals this connection attached: only it may write to them, and they detach when it goes. */
  readonly terminals: Set<string>;
}

export type Handler<C extends RequestChannel> = (
  params: z.output<(typeof requests)[C]['params']>,
  ctx: ConnectionContext,
) => Promise<RequestResult<C>> | RequestResult<C>;

export type Handlers = { [C in RequestChannel]: Handler<C> };

export interface RouterConnection {
  invoke(channel: unknown, payload: unknown): Promise<ApiResponse>;
  dispose(): void;
}

export interface Router {
  connect(send: (message: EventMessage) => void): RouterConnection;
  broadcast(message: EventMessage): void;
  readonly connectionCount: number;
}

/**
 * The one router behind both transports. Every payload is validated here, at the
 * main-process edge, against the contract's schema; bad input gets a typed error,
 * never a crash, and never reaches a service. Whatever a handler (or a schema) throws
 * is answered as INTERNAL: invoke never rejects.
 */
export function createRouter(opts: {
  handlers: Handlers;
  logger: Logger;
  onDisconnect?: (ctx: ConnectionContext) => void;
}): Router {
  const connections = new Map<number, ConnectionContext>();
  let nextId = 1;

  async function invoke(ctx: ConnectionContext, channel: unknown, payload: unknown): Promise<ApiResponse> {
    if (!isRequestChannel(channel)) {
      return fail('UNKNOWN_CHANNEL', `Unknown channel: ${String(JSON.stringify(channel)).slice(0, 80)}`);
    }
    try {
      return await validateAndHandle(ctx, channel, payload);
    } catch (error) {
      opts.logger.error('request failed', { channel, error: describe(error) });
      return fail('INTERNAL', `${channel} failed: ${describe(error)}`);
    }
  }

  async function validateAndHandle(
    ctx: ConnectionContext,
    channel: RequestChannel,
    payload: unknown,
  ): Promise<ApiResponse> {
    // Before any schema: a recursive schema recurses as deep as the data does (issue 11).
    if (nestsDeeperThan(payload, MAX_PAYLOAD_DEPTH)) {
      const message = `Invalid ${channel} request: nested deeper than ${MAX_PAYLOAD_DEPTH} levels`;
      return {
        ok: false,
        error: { code: 'INVALID_PAYLOAD', message, issues: [{ path: '(payload)', message }] },
      };
    }
    const parsed = requests[channel].params.safeParse(payload ?? {});
    if (!parsed.success) {
      // The first few say what is wrong; 100,000 bad array items need not come back as 100,000 issues.
      const issues = parsed.error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => ({
        path: issue.path.map(String).join('.') || '(payload)',
        message: issue.message,
      }));
      return {
        ok: false,
        error: {
          code: 'INVALID_PAYLOAD',
          message: `Invalid ${channel} request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
          issues,
        },
      };
    }
    try {
      const handler = opts.handlers[channel] as Handler<typeof channel>;
      const result = await handler(parsed.data, ctx);
      return { ok: true, result };
    } catch (error) {
      if (error instanceof ApiError) return { ok: false, error: error.toShape() };
      throw error;
    }
  }

  return {
    connect(send) {
      const ctx: ConnectionContext = { id: nextId++, send, terminals: new Set() };
      const queue = createRequestQueue();
      connections.set(ctx.id, ctx);
      return {
        invoke(channel, payload) {
          if (isRequestChannel(channel) && DATA_PLANE.has(channel)) return invoke(ctx, channel, payload);
          const queued = queue.run(() => invoke(ctx, channel, payload));
          return (
            queued ??
            Promise.resolve(
              fail(
                'BUSY',
                "Muxdeck is still working on this window's earlier requests; nothing was done. Try again.",
              ),
            )
          );
        },
        dispose() {
          if (!connections.delete(ctx.id)) return;
          opts.onDisconnect?.(ctx);
        },
      };
    },
    broadcast(message) {
      for (const ctx of connections.values()) ctx.send(message);
    },
    get connectionCount() {
      return connections.size;
    },
  };
}

function fail(code: 'UNKNOWN_CHANNEL' | 'INTERNAL' | 'BUSY', message: string): ApiResponse {
  return { ok: false, error: { code, message } };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
