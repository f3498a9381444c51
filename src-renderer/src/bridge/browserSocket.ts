import type { SocketOpener } from './socketConnection';

export function browserSocketOpener(url: string): SocketOpener {
  return (handlers) => {
    const socket = new WebSocket(url);
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
