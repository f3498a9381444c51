import { browserServeReturnEdges } from './browserServeReturn';
import { browserSocketOpener } from './browserSocket';
import { createElectronTransport } from './electronTransport';
import { serveSocketUrl } from './serveSocketUrl';
import { waitForServeToReturn } from './serveReturn';
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
  const openSocket = browserSocketOpener(serveSocketUrl(window.location), token);
  const pageUrl = window.location.origin + window.location.pathname;
  return createWebSocketTransport(openSocket, {
    waitForReturn: () => waitForServeToReturn(browserServeReturnEdges(openSocket, pageUrl)),
    // The token stays in this tab's sessionStorage, so the reloaded page is let in again.
    resume: () => window.location.reload(),
  });
}
