import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { tokensEqual } from '../serve/accessToken';
import { hostHeaderAllowed } from '../serve/requestGuard';

/** Enough for write_file's largest content in base64, and no more: a bigger body is refused unread. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * `muxdeck mcp --http`: MCP over streamable HTTP on loopback only, at /mcp. Every request carries the
 * bearer token printed at start (compared in constant time); the Host header must name loopback (DNS
 * rebinding) and a browser's cross-origin request is refused. One MCP server per client session.
 */
export async function startMcpHttpServer(opts: {
  port: number;
  token: string;
  newServer: () => McpServer;
}): Promise<{ url: string; close(): Promise<void> }> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  let port = opts.port;

  const refuse = (res: ServerResponse, status: number, message: string) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hostHeaderAllowed(req, { token: opts.token, port, loopbackOnly: true }))
      return refuse(res, 403, 'Host not allowed.');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`)
      return refuse(res, 403, 'Cross-origin requests are not allowed.');
    const auth = req.headers.authorization;
    const presented = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
    if (!tokensEqual(opts.token, presented))
      return refuse(res, 401, 'Missing or wrong bearer token (printed by muxdeck mcp --http at start).');
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/mcp')
      return refuse(res, 404, 'Not found: use /mcp.');

    const sessionId = req.headers['mcp-session-id'];
    const existing = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    if (req.method !== 'POST') {
      if (!existing) return refuse(res, 400, 'Unknown or missing mcp-session-id.');
      return existing.handleRequest(req, res);
    }
    const body = await readJsonBody(req);
    if (!body.ok) return refuse(res, body.status, body.message);
    if (existing) return existing.handleRequest(req, res, body.value);
    if (sessionId !== undefined || !isInitializeRequest(body.value))
      return refuse(res, 400, 'Unknown mcp-session-id, or the first request is not initialize.');
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, transport);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await opts.newServer().connect(transport);
    return transport.handleRequest(req, res, body.value);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'Internal error.');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    async close() {
      await Promise.all([...sessions.values()].map((t) => t.close().catch(() => undefined)));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readJsonBody(
  req: IncomingMessage,
): Promise<{ ok: true; value: unknown } | { ok: false; status: number; message: string }> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) return { ok: false, status: 413, message: 'Request body too large.' };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return { ok: false, status: 413, message: 'Request body too large.' };
    chunks.push(buffer);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { ok: false, status: 400, message: 'The body is not JSON.' };
  }
}
