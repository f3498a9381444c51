import type { ApiResponse, EventMessage, RequestChannel } from '../../../src-preload/api';

/**
 * Whether the renderer can currently reach Muxdeck's services. Electron is always connected; a serve page
 * that lost its server is 'reconnecting' while it waits for serve to come back, 'disconnected' when it gave up.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/**
 * How the client reaches the main-process router: Electron IPC through the preload, or serve mode's
 * WebSocket. Both carry the same channel/payload pairs; everything above this line is shared.
 */
export interface Transport {
  invoke(channel: RequestChannel, payload: unknown): Promise<ApiResponse>;
  onEvent(listener: (message: EventMessage) => void): () => void;
  connectionState(): ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}
