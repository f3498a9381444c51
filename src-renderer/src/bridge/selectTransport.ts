import { browserSocketOpener } from './browserSocket';
import { createElectronTransport } from './electronTransport';
import { serveSocketUrl } from './serveSocketUrl';
import { takeServeToken } from './serveToken';
import type { Transport } from './transport';
import { createWebSocketTransport } from './webSocketTransport';

/** The preload's bridge exists only inside Electron; a plain browser page is serve mode. */
export function selectTransport(window: Window): Transport {
  if (window.muxdeck) return createElectronTransport(window.muxdeck);
  const token = takeServeToken({
    location: window.location,
    history: window.history,
    storage: window.sessionStorage,
  });
  return createWebSocketTransport(browserSocketOpener(serveSocketUrl(window.location), token));
}
