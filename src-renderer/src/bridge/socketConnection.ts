/**
 * The slice of a WebSocket the serve-mode transport needs. Keeping it this small lets the transport
 * run (and be tested) without a browser; browserSocket.ts adapts the real WebSocket to it.
 */
export interface SocketHandlers {
  onOpen(): void;
  onMessage(text: string): void;
  onClose(): void;
}

export interface SocketConnection {
  send(text: string): void;
  close(): void;
}

/** Opens a connection. Handlers must be called asynchronously, as a real WebSocket does. */
export type SocketOpener = (handlers: SocketHandlers) => SocketConnection;
