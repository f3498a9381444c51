import { SERVE_SUBPROTOCOL, SERVE_TOKEN_SUBPROTOCOL_PREFIX } from '../../../src-preload/api';
import type { SocketOpener } from './socketConnection';

/** The token rides in the handshake's subprotocol list: never in the URL, never in a cookie. */
export function browserSocketOpener(url: string, token: string | undefined): SocketOpener {
  return (handlers) => {
    const protocols = token === undefined ? [] : [SERVE_SUBPROTOCOL, SERVE_TOKEN_SUBPROTOCOL_PREFIX + token];
    const socket = new WebSocket(url, protocols);
    socket.onopen = () => handlers.onOpen();
    socket.onmessage = (event: MessageEvent<unknown>) => {
      if (typeof event.data === 'string') handlers.onMessage(event.data);
    };
    // 'error' is always followed by 'close', which is where pending calls are settled.
    socket.onclose = () => handlers.onClose();
    return {
      send: (text) => socket.send(text),
      close: () => socket.close(),
    };
  };
}
