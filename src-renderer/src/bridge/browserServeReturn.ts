import type { SocketOpener } from './socketConnection';
import type { ServeReturnEdges } from './serveReturn';

/** The browser's edges for waitForServeToReturn: a real socket with the token, a HEAD of the page, a timer. */
export function browserServeReturnEdges(openSocket: SocketOpener, pageUrl: string): ServeReturnEdges {
  return {
    socketOpens: () =>
      new Promise<boolean>((resolve) => {
        let opened = false;
        const socket = openSocket({
          onOpen: () => {
            opened = true;
            socket.close();
            resolve(true);
          },
          onMessage: () => undefined,
          onClose: () => {
            if (!opened) resolve(false);
          },
        });
      }),
    pageAnswers: () =>
      fetch(pageUrl, { method: 'HEAD', cache: 'no-store' }).then(
        (response) => response.ok,
        () => false,
      ),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
