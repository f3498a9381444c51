import {
  MuxdeckApiError,
  type ApiResponse,
  type EventMessage,
  type RequestChannel,
  type WireClientMessage,
} from '../../../src-preload/api';
import type { SocketConnection, SocketOpener } from './socketConnection';
import type { ServeReturn } from './serveReturn';
import type { ConnectionState, Transport } from './transport';
import { parseServerMessage } from './wireMessages';

interface PendingCall {
  resolve(response: ApiResponse): void;
  reject(error: Error): void;
}

export const DISCONNECTED_MESSAGE =
  'Disconnected from Muxdeck: the connection to the Muxdeck server closed. Restart it and reload this page.';
export const RECONNECTING_MESSAGE =
  'Reconnecting to Muxdeck: the connection to the Muxdeck server closed; this page reconnects when it is back.';

function disconnectedError(message = DISCONNECTED_MESSAGE): MuxdeckApiError {
  return new MuxdeckApiError({ code: 'UNAVAILABLE', message });
}

/** What the page does when a socket that was open closes. */
export interface ReconnectPlan {
  /** Resolves when the server is back with the page's token, or refuses it. */
  waitForReturn(): Promise<ServeReturn>;
  /** The server is back: start over from it (the page reloads). */
  resume(): void;
}

export interface WebSocketTransport extends Transport {
  close(): void;
}

/**
 * Serve mode: one WebSocket carries every request and event. Calls made before the socket opens are
 * queued; when it closes every outstanding call fails at once, so nothing waits forever on a dead server.
 * With a reconnect plan, losing a socket that was open means 'reconnecting' until the server is back
 * (serve keeps its port and token across restarts); the plan then resumes the page. A restarted server is
 * a new process whose terminal streams and ids are new, so resuming starts the page over from it, and tmux
 * gives back every session.
 */
export function createWebSocketTransport(
  openSocket: SocketOpener,
  reconnect?: ReconnectPlan,
): WebSocketTransport {
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  let outbox: string[] = [];
  let closedByPage = false;
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
    if (state === 'disconnected' || state === 'reconnecting') return;
    const wasConnected = state === 'connected';
    const retry = reconnect !== undefined && wasConnected && !closedByPage;
    setState(retry ? 'reconnecting' : 'disconnected');
    outbox = [];
    const calls = [...pending.values()];
    pending.clear();
    for (const call of calls) call.reject(disconnectedError(retry ? RECONNECTING_MESSAGE : undefined));
    if (retry) {
      void reconnect.waitForReturn().then((result) => {
        if (result === 'back') reconnect.resume();
        else setState('disconnected');
      });
    }
  }

  const socket: SocketConnection = openSocket({
    onOpen: handleOpen,
    onMessage: handleMessage,
    onClose: handleClose,
  });

  return {
    invoke(channel: RequestChannel, payload: unknown): Promise<ApiResponse> {
      if (state === 'disconnected') return Promise.reject(disconnectedError());
      if (state === 'reconnecting') return Promise.reject(disconnectedError(RECONNECTING_MESSAGE));
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
      closedByPage = true;
      socket.close();
      handleClose();
    },
  };
}
