import {
  MuxdeckApiError,
  type ApiResponse,
  type EventMessage,
  type RequestChannel,
  type WireClientMessage,
} from '../../../src-preload/api';
import type { SocketConnection, SocketOpener } from './socketConnection';
import type { ConnectionState, Transport } from './transport';
import { parseServerMessage } from './wireMessages';

interface PendingCall {
  resolve(response: ApiResponse): void;
  reject(error: Error): void;
}

export const DISCONNECTED_MESSAGE =
  'Disconnected from Muxdeck: the connection to the Muxdeck server closed. Restart it and reload this page.';

function disconnectedError(): MuxdeckApiError {
  return new MuxdeckApiError({ code: 'UNAVAILABLE', message: DISCONNECTED_MESSAGE });
}

export interface WebSocketTransport extends Transport {
  close(): void;
}

/**
 * Serve mode: one WebSocket carries every request and event. Calls made before the socket opens are
 * queued; when it closes every outstanding call fails at once, so nothing waits forever on a dead server.
 * There is no automatic reconnect: a restarted server has a new token, so the page must be reloaded.
 */
export function createWebSocketTransport(openSocket: SocketOpener): WebSocketTransport {
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  let outbox: string[] = [];
  const pending = new Map<number, PendingCall>();
  const eventListeners = new Set<(message: EventMessage) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();

  function setState(next: ConnectionState): void {
    if (state === next) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  }

  function handleOpen(): void {
    if (state === 'disconnected') return;
    setState('connected');
    const queued = outbox;
    outbox = [];
    for (const text of queued) socket.send(text);
  }

  function handleMessage(text: string): void {
    const message = parseServerMessage(text);
    if (!message) {
      console.warn('Muxdeck: ignoring a malformed message from the server');
      return;
    }
    if (message.type === 'response') {
      const call = pending.get(message.id);
      if (!call) return;
      pending.delete(message.id);
      call.resolve(message.response);
      return;
    }
    for (const listener of eventListeners) listener(message.message);
  }

  function handleClose(): void {
    setState('disconnected');
    outbox = [];
    const calls = [...pending.values()];
    pending.clear();
    for (const call of calls) call.reject(disconnectedError());
  }

  const socket: SocketConnection = openSocket({
    onOpen: handleOpen,
    onMessage: handleMessage,
    onClose: handleClose,
  });

  return {
    invoke(channel: RequestChannel, payload: unknown): Promise<ApiResponse> {
      if (state === 'disconnected') return Promise.reject(disconnectedError());
      const id = nextId++;
      const message: WireClientMessage = { type: 'invoke', id, channel, payload };
      const text = JSON.stringify(message);
      return new Promise<ApiResponse>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (state === 'connected') socket.send(text);
        else outbox.push(text);
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => {
        eventListeners.delete(listener);
      };
    },
    connectionState: () => state,
    onConnectionChange(listener) {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
    close() {
      socket.close();
      handleClose();
    },
  };
}
