import type { IncomingMessage } from 'node:http';
import { tokensEqual } from './accessToken';

export interface GuardConfig {
  token: string;
  port: number;
  /** True when bound to loopback: then the Host header must name loopback (DNS-rebinding guard). */
  loopbackOnly: boolean;
}

export const cookieName = (port: number): string => `muxdeck_token_${port}`;

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function hostHeaderAllowed(req: IncomingMessage, config: GuardConfig): boolean {
  if (!config.loopbackOnly) return true;
  const host = req.headers.host;
  return host !== undefined && LOOPBACK_NAMES.some((name) => host === `${name}:${config.port}`);
}

export function tokenFromQuery(url: URL): string | null {
  return url.searchParams.get('token');
}

export function tokenFromCookie(req: IncomingMessage, port: number): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const wanted = cookieName(port);
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === wanted) return value.join('=');
  }
  return undefined;
}

export function requestHasToken(req: IncomingMessage, url: URL, config: GuardConfig): boolean {
  return (
    tokensEqual(config.token, tokenFromCookie(req, config.port)) ||
    tokensEqual(config.token, tokenFromQuery(url))
  );
}

/** A WebSocket upgrade must come from a page this server served: same scheme, host and port. */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host;
  return origin !== undefined && host !== undefined && origin === `http://${host}`;
}
