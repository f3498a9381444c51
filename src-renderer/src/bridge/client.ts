import type { z } from 'zod';
import {
  MuxdeckApiError,
  events,
  requests,
  type ApiResponse,
  type EventMessage,
  type EventName,
  type EventPayload,
  type RequestChannel,
  type RequestParams,
  type RequestResult,
} from '../../../src-preload/api';
import type { ConnectionState, Transport } from './transport';

/** The renderer's one way to talk to Muxdeck, whichever transport carries it. */
export interface MuxdeckClient {
  /** Resolves with the channel's result; rejects with MuxdeckApiError when the main process refuses. */
  invoke<C extends RequestChannel>(channel: C, params: RequestParams<C>): Promise<RequestResult<C>>;
  /** Subscribes to one event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
  connectionState(): ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  dispose(): void;
}

/**
 * Turns a response envelope into the channel's result. The result is checked against the contract, so a
 * main process that drifts from api.ts fails loudly here rather than deep inside a component.
 */
export function readResponse<C extends RequestChannel>(channel: C, response: ApiResponse): RequestResult<C> {
  if (!response.ok) throw new MuxdeckApiError(response.error);
  // Indexing `requests` with a generic key yields a union of schemas; each parses to RequestResult<C>.
  const schema = requests[channel].result as unknown as z.ZodType<RequestResult<C>>;
  const parsed = schema.safeParse(response.result);
  if (!parsed.success) {
    throw new MuxdeckApiError({
      code: 'INTERNAL',
      message: `The reply to ${channel} does not match the contract: ${parsed.error.message}`,
    });
  }
  return parsed.data;
}

type AnyEventHandler = (payload: unknown) => void;

export function createMuxdeckClient(transport: Transport): MuxdeckClient {
  const handlers = new Map<EventName, Set<AnyEventHandler>>();

  function dispatch(message: EventMessage): void {
    const subscribers = handlers.get(message.event);
    if (!subscribers || subscribers.size === 0) return;
    const payload = events[message.event].safeParse(message.payload);
    if (!payload.success) {
      console.warn(`Muxdeck: dropping a malformed ${message.event} event`, payload.error.issues);
      return;
    }
    for (const handler of [...subscribers]) {
      try {
        handler(payload.data);
      } catch (error) {
        // One broken subscriber must not starve the others (e.g. every other terminal's output).
        console.error(`Muxdeck: a ${message.event} handler threw`, error);
      }
    }
  }

  const stopListening = transport.onEvent(dispatch);

  return {
    async invoke(channel, params) {
      const response = await transport.invoke(channel, params);
      return readResponse(channel, response);
    },
    on(event, handler) {
      let subscribers = handlers.get(event);
      if (!subscribers) {
        subscribers = new Set();
        handlers.set(event, subscribers);
      }
      // Safe: dispatch only calls it with a payload that passed this event's schema.
      const anyHandler = handler as AnyEventHandler;
      subscribers.add(anyHandler);
      return () => {
        subscribers.delete(anyHandler);
      };
    },
    connectionState: () => transport.connectionState(),
    onConnectionChange: (listener) => transport.onConnectionChange(listener),
    dispose() {
      stopListening();
      handlers.clear();
    },
  };
}
