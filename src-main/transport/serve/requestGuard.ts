import type { IncomingMessage } from 'node:http';
import { SERVE_SUBPROTOCOL, SERVE_TOKEN_SUBPROTOCOL_PREFIX } from '../../../src-preload/api';
import { tokensEqual } from './accessToken';

export interface GuardConfig {
  token: string;
  port: number;
  /** True when bound to loopback: then the Host header must name loopback (DNS-rebinding guard). */
  loopbackOnly: boolean;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function hostHeaderAllowed(req: IncomingMessage, config: GuardConfig): boolean {
  if (!config.loopbackOnly) return true;
  const host = req.headers.host;
  return host !== undefined && LOOPBACK_NAMES.some((name) => host === `${name}:${config.port}`);
}

/** The subprotocols a WebSocket handshake offers (Sec-WebSocket-Protocol, comma-separated). */
function offeredSubprotocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  return header === undefined ? [] : header.split(',').map((protocol) => protocol.trim());
}

/** 'absent' when the handshake offers no token, 'wrong' when it offers another one. */
export function handshakeToken(req: IncomingMessage, expected: string): 'valid' | 'absent' | 'wrong' {
  const offered = offeredSubprotocols(req);
  if (!offered.includes(SERVE_SUBPROTOCOL)) return 'absent';
  const token = offered.find((protocol) => protocol.startsWith(SERVE_TOKEN_SUBPROTOCOL_PREFIX));
  if (token === undefined) return 'absent';
  return tokensEqual(expected, token.slice(SERVE_TOKEN_SUBPROTOCOL_PREFIX.length)) ? 'valid' : 'wrong';
}

/** A WebSocket upgrade must come from a page this server served: same scheme, host and port. */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host;
  return origin !== undefined && host !== undefined && origin === `http://${host}`;
}
