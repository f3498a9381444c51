import type { MuxdeckBridge } from './api';

declare global {
  interface Window {
    /** Present in the Electron window only; serve mode talks over a WebSocket instead. */
    muxdeck?: MuxdeckBridge;
  }
}
