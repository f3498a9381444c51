import type { RawData, WebSocket } from 'ws';
import { WireClientMessage, type WireServerMessage } from '../../../src-preload/api';
import type { Router } from '../../router/router';

/** Serves the contract over one WebSocket: the serve-mode twin of the Electron IPC transport. */
export function serveContractOverWebSocket(socket: WebSocket, router: Router): void {
  const send = (message: WireServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const connection = router.connect((message) => send({ type: 'event', message }));

  socket.on('message', (raw, isBinary) => {
    if (isBinary) return socket.close(1003, 'text frames only');
    let parsed: WireClientMessage;
    try {
      const candidate = WireClientMessage.safeParse(JSON.parse(rawText(raw)));
      if (!candidate.success) return socket.close(1008, 'malformed message');
      parsed = candidate.data;
    } catch {
      return socket.close(1007, 'invalid JSON');
    }
    // invoke answers every failure itself; the catch is for a send to a socket that broke meanwhile.
    connection
      .invoke(parsed.channel, parsed.payload)
      .then((response) => send({ type: 'response', id: parsed.id, response }))
      .catch(() => socket.terminate());
  });
  socket.on('close', () => connection.dispose());
  socket.on('error', () => connection.dispose());
}

function rawText(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return Buffer.isBuffer(raw) ? raw.toString('utf8') : Buffer.from(new Uint8Array(raw)).toString('utf8');
}
