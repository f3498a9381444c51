import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { MAX_INPUT_CHARS, SERVE_SUBPROTOCOL } from '../../../src-preload/api';
import type { Router } from '../../router/router';
import { handshakeToken, hostHeaderAllowed, originAllowed, type GuardConfig } from './requestGuard';
import { readStaticFile } from './staticFiles';
import { serveContractOverWebSocket } from './wsConnection';

export interface ServeServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; " +
  "frame-ancestors 'none'";

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
};

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * serve mode (ARCHITECTURE.md §5): the renderer over HTTP and the contract over a
 * WebSocket, on loopback unless told otherwise, never without the token.
 *
 * The token travels in the URL fragment (never sent to a server), the page keeps it in sessionStorage
 * and offers it in the WebSocket handshake. The static files hold no data and are served to anyone on
 * loopback; the WebSocket, the only API, requires the token. No cookie: browsers share cookies between
 * every port of 127.0.0.1, so a cookie would hand the token to any other local server the browser visits.
 */
export async function startServeServer(opts: {
  router: Router;
  rendererDir: string;
  token: string;
  host: string;
  port: number;
}): Promise<ServeServer> {
  const loopbackOnly = LOOPBACK_HOSTS.has(opts.host);
  const guard: GuardConfig = { token: opts.token, port: 0, loopbackOnly };
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_INPUT_CHARS * 4 + 4096,
    // Answer with the plain protocol name: the token is never echoed back.
    handleProtocols: () => SERVE_SUBPROTOCOL,
  });

  const server = createServer((req, res) => {
    void handleHttp(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://muxdeck.invalid');
    if (!hostHeaderAllowed(req, guard)) return refuse(res, 403, 'Host not allowed.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
    const file = await readStaticFile(opts.rendererDir, url.pathname);
    if (!file) return refuse(res, 404, 'Not found.');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': file.contentType,
      'Content-Length': file.body.length,
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://muxdeck.invalid');
    const refusal =
      url.pathname !== '/ws'
        ? '404 Not Found'
        : !hostHeaderAllowed(req, guard) || !originAllowed(req)
          ? '403 Forbidden'
          : tokenRefusal(handshakeToken(req, opts.token));
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveContractOverWebSocket(ws, opts.router));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  guard.port = port;
  const urlHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;

  return {
    port,
    url: `http://${urlHost}:${port}/#token=${opts.token}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function tokenRefusal(token: ReturnType<typeof handshakeToken>): string | undefined {
  if (token === 'valid') return undefined;
  return token === 'absent' ? '401 Unauthorized' : '403 Forbidden';
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${message}\n`);
}
