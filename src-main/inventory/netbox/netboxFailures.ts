import { NetboxError } from './netboxErrors';
import type { NetboxHttpResponse, NetboxTransportError } from './netboxHttp';
import { parseRetryAfter } from './retryPolicy';

/** What a failed request was, for messages: "GET /api/dcim/devices/ (offset 500) at https://netbox". */
export interface RequestContext {
  /** The request as a user can read it, without credentials. */
  what: string;
  /** The NetBox base URL the source uses. */
  base: string;
  /** host[:port], for TLS and DNS messages. */
  host: string;
  nowMs: number;
}

const NO_PERMISSION = 'You do not have permission to perform this action.';

/**
 * Turns an answer that is not a usable 2xx into a NetboxError with a message a user can act
 * on: NetBox's own words where it gave some, the proxy's page title where a proxy answered.
 */
export function httpFailure(res: NetboxHttpResponse, ctx: RequestContext): NetboxError {
  const status = res.status;
  const detail = detailOf(res);
  const at = `${ctx.what} at ${ctx.base}`;
  if (status >= 300 && status < 400) {
    const location = safeLocation(res.headers.location);
    return new NetboxError(
      'bad-url',
      `NetBox answered ${at} with a redirect (${status})${location ? ` to ${location}` : ''}. ` +
        'Use the final address as the NetBox URL (tokens are never sent on to another address).',
      { status },
    );
  }
  if (status === 401 || status === 403) {
    const kind = detail === NO_PERMISSION ? 'permission' : 'auth';
    const what =
      kind === 'permission'
        ? `NetBox refused ${at}: ${detail} The token is valid but its user may not view these objects.`
        : `NetBox refused the API token (${status}${detail ? `: ${detail}` : ''}).`;
    return new NetboxError(kind, what, { status, ...(detail ? { detail } : {}) });
  }
  if (status === 400) {
    return new NetboxError(
      'bad-request',
      `NetBox rejected the query ${at}: ${detail ?? describeBody(res)}.`,
      {
        status,
      },
    );
  }
  if (status === 404) {
    return new NetboxError(
      'not-found',
      `${ctx.base} has no NetBox API at ${ctx.what.replace(/^GET /, '')} (404${isHtml(res) ? ', an HTML page' : ''}). ` +
        'Check the URL: it must be the address of NetBox itself, including any path prefix such as /netbox.',
      { status },
    );
  }
  if (status === 406) {
    return new NetboxError(
      'unsupported-version',
      `NetBox refused the API version Muxdeck asked for: ${detail}`,
      {
        status,
      },
    );
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(res.headers['retry-after'], ctx.nowMs);
    return new NetboxError(
      'rate-limited',
      `NetBox (or a proxy in front of it) is throttling requests (429) for ${at}` +
        `${retryAfterMs !== undefined ? `; it asks to wait ${formatSeconds(retryAfterMs)}` : ''}.`,
      { status, retryable: true, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
    );
  }
  if (status >= 500) {
    const retryAfterMs = parseRetryAfter(res.headers['retry-after'], ctx.nowMs);
    return new NetboxError('server', `NetBox failed to answer ${at}: ${status} ${describeBody(res)}.`, {
      status,
      retryable: true,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  return new NetboxError(
    'server',
    `NetBox answered ${at} with an unexpected ${status}: ${describeBody(res)}.`,
    {
      status,
    },
  );
}

/** A 2xx whose body is not NetBox's JSON. */
export function bodyFailure(res: NetboxHttpResponse, ctx: RequestContext, parseError: unknown): NetboxError {
  const at = `${ctx.what} at ${ctx.base}`;
  if (isHtml(res)) {
    return new NetboxError(
      'not-json',
      `${ctx.base} answered ${ctx.what} with an HTML page${titleOf(res.body) ? ` ("${titleOf(res.body)}")` : ''}, not NetBox's JSON. ` +
        'Is this a login page of a proxy or single sign-on in front of NetBox, or the wrong URL?',
      { status: res.status },
    );
  }
  const truncated =
    parseError instanceof SyntaxError && /end of (JSON )?input|Unterminated/i.test(parseError.message);
  return new NetboxError(
    'malformed',
    truncated
      ? `NetBox's answer to ${at} is cut off after ${Buffer.byteLength(res.body)} bytes (invalid JSON).`
      : `NetBox's answer to ${at} is not valid JSON (content type ${res.headers['content-type'] ?? 'none'}).`,
    // A proxy that cut the body off, or a broken worker, may do better on the next try.
    { status: res.status, retryable: true },
  );
}

export function transportFailure(
  error: NetboxTransportError,
  ctx: RequestContext,
  timeoutMs: number,
): NetboxError {
  const at = `${ctx.what} at ${ctx.base}`;
  switch (error.failure) {
    case 'timeout':
      return new NetboxError(
        'timeout',
        `NetBox did not answer ${at} within ${formatSeconds(timeoutMs)} (the server hangs or sends its answer too slowly).`,
        { retryable: true },
      );
    case 'refused':
      return new NetboxError(
        'connection',
        `Cannot connect to ${ctx.host}: the connection was refused (${error.code ?? 'refused'}). Is NetBox running at ${ctx.base}, on that port?`,
        { retryable: true },
      );
    case 'reset':
      return new NetboxError(
        'connection',
        `The connection to ${ctx.host} was reset or closed during ${ctx.what} (${error.code ?? 'reset'}).`,
        { retryable: true },
      );
    case 'dns':
      return new NetboxError(
        'dns',
        `Cannot resolve the host name of ${ctx.base} (${error.code ?? 'DNS error'}): check the URL's host name and your DNS.`,
        { retryable: error.code === 'EAI_AGAIN' },
      );
    case 'tls':
      return new NetboxError('tls', `TLS check of ${ctx.host} failed: ${describeTls(error.code, ctx.host)}`);
    case 'too-large':
      return new NetboxError('malformed', `NetBox's answer to ${at} is too large: ${error.message}.`);
    case 'aborted':
      return new NetboxError('cancelled', `The NetBox sync was cancelled during ${ctx.what}.`);
    case 'network':
      return new NetboxError('connection', `Network error during ${at} (${error.code ?? error.message}).`, {
        retryable: true,
      });
  }
}

const UNKNOWN_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);

/** One sentence per way certificate verification fails, naming the failure and the fix. */
export function describeTls(code: string | undefined, host: string): string {
  if (code !== undefined && UNKNOWN_CA.has(code)) {
    return (
      `the server's certificate is signed by an unknown certificate authority (${code}). ` +
      'If NetBox uses an internal CA, give its certificate as the CA file (--netbox-ca FILE); ' +
      'skipping verification is possible but unsafe.'
    );
  }
  switch (code) {
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'HOSTNAME_MISMATCH':
      return `hostname mismatch: the server's certificate is not valid for "${host.replace(/:\d+$/, '')}" (${code}). Use the host name the certificate was issued for.`;
    case 'CERT_HAS_EXPIRED':
      return `the server's certificate has expired (${code}).`;
    case 'CERT_NOT_YET_VALID':
      return `the server's certificate is not valid yet (${code}); check this computer's clock.`;
    case 'CERT_REVOKED':
      return `the server's certificate has been revoked (${code}).`;
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return `the TLS handshake failed (${code}); is this port serving HTTPS? Try http:// if NetBox has no TLS.`;
    default:
      return `the certificate could not be verified (${code ?? 'unknown TLS error'}).`;
  }
}

function detailOf(res: NetboxHttpResponse): string | undefined {
  const body = tryJson(res.body);
  if (typeof body !== 'object' || body === null) return undefined;
  if (Array.isArray(body)) return body.map(String).join('; ');
  const record = body as Record<string, unknown>;
  if (typeof record.detail === 'string') return record.detail;
  // 400 from django-filter: {"status": ["Select a valid choice. ..."], ...}
  const fieldErrors = Object.entries(record)
    .filter(([, v]) => Array.isArray(v) || typeof v === 'string')
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.map(String).join(' ') : String(v)}`);
  return fieldErrors.length > 0 ? fieldErrors.join('; ') : undefined;
}

function describeBody(res: NetboxHttpResponse): string {
  const body = tryJson(res.body);
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    // NetBox's 500 body: {"error", "exception", "netbox_version", "python_version"}
    if (typeof record.exception === 'string' || typeof record.error === 'string') {
      const exception = typeof record.exception === 'string' ? record.exception : 'error';
      return `${exception}: ${typeof record.error === 'string' ? record.error : ''}`.trim();
    }
    if (typeof record.detail === 'string') return record.detail;
  }
  if (isHtml(res)) {
    const title = titleOf(res.body);
    return `an HTML error page${title ? ` ("${title}")` : ''}, probably from a proxy in front of NetBox`;
  }
  const text = res.body.trim().replace(/\s+/g, ' ');
  return text === '' ? '(empty body)' : JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);
}

function isHtml(res: NetboxHttpResponse): boolean {
  return /html/i.test(res.headers['content-type'] ?? '') || /^\s*<(!doctype|html)/i.test(res.body);
}

function titleOf(html: string): string | undefined {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1]?.trim().replace(/\s+/g, ' ');
  return title ? title.slice(0, 100) : undefined;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function safeLocation(location: string | undefined): string | undefined {
  if (!location) return undefined;
  try {
    const url = new URL(location, 'http://relative.invalid');
    if (url.host === 'relative.invalid') return url.pathname;
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return undefined;
  }
}

export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
