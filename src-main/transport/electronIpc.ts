import { IPC, type EventMessage } from '../../src-preload/api';
import type { Router, RouterConnection } from '../router/router';

/** The slices of Electron's ipcMain and WebContents this transport uses (index.ts passes the real ones). */
export interface WebContentsLike {
  readonly id: number;
  send(channel: string, message: EventMessage): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): void;
}

export interface IpcInvokeEventLike {
  sender: WebContentsLike;
  senderFrame: { url: string } | null;
}

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

/**
 * Serves the contract over Electron IPC: one router connection per window. Requests
 * from a frame that is not Muxdeck's own page are refused, as VS Code's validatedIpcMain does.
 */
export function serveContractOverIpc(opts: {
  ipcMain: IpcMainLike;
  router: Router;
  isTrustedFrameUrl: (url: string) => boolean;
}): () => void {
  const connections = new Map<number, RouterConnection>();

  function connectionFor(sender: WebContentsLike): RouterConnection {
    let connection = connections.get(sender.id);
    if (!connection) {
      const created = opts.router.connect((message) => {
        if (!sender.isDestroyed()) sender.send(IPC.event, message);
      });
      connections.set(sender.id, created);
      sender.once('destroyed', () => {
        created.dispose();
        connections.delete(sender.id);
      });
      connection = created;
    }
    return connection;
  }

  opts.ipcMain.handle(IPC.invoke, async (event, channel, payload) => {
    if (!event.senderFrame || !opts.isTrustedFrameUrl(event.senderFrame.url)) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: 'Request from an untrusted frame refused.' },
      };
    }
    return connectionFor(event.sender).invoke(channel, payload);
  });

  return () => {
    opts.ipcMain.removeHandler(IPC.invoke);
    for (const connection of connections.values()) connection.dispose();
    connections.clear();
  };
}
