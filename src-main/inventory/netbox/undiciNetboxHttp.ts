import { rootCertificates } from 'node:tls';
import { Agent, request } from 'undici';
import {
  NetboxTransportError,
  type NetboxHttp,
  type NetboxHttpRequest,
  type NetboxHttpResponse,
  type NetboxTlsOptions,
  type TransportFailure,
} from './netboxHttp';

export interface UndiciNetboxHttpOptions {
  tls?: NetboxTlsOptions;
  /** A body larger than this is refused rather than buffered (a hostile or broken server). */
  maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024;

/**
 * The real HTTP port: one undici Agent per NetBox source, so its TLS settings (extra CA,
 * skip-verification) apply to that source only and never to the process
 * (no NODE_TLS_REJECT_UNAUTHORIZED). Redirects are not followed: a redirect to another
 * host would carry the token there.
 */
export function createUndiciNetboxHttp(options: UndiciNetboxHttpOptions = {}): NetboxHttp {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const agent = new Agent({
    connect: {
      // An extra CA is trusted alongside the system's, as NODE_EXTRA_CA_CERTS would.
      ...(options.tls?.ca ? { ca: [...rootCertificates, options.tls.ca] } : {}),
      rejectUnauthorized: options.tls?.insecureSkipVerify !== true,
    },
  });
  return {
    get: (req) => get(agent, req, maxBodyBytes),
    close: () => agent.close(),
  };
}

async function get(agent: Agent, req: NetboxHttpRequest, maxBodyBytes: number): Promise<NetboxHttpResponse> {
  const controller = new AbortController();
  let timedOut = false;
  // One deadline for the whole exchange: undici's own timeouts are per phase and idle-based,
  // so a body that trickles in forever would never trip them.
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.timeoutMs);
  const forwardAbort = () => controller.abort();
  req.signal?.addEventListener('abort', forwardAbort, { once: true });
  try {
    const res = await request(req.url, {
      method: 'GET',
      headers: req.headers,
      dispatcher: agent,
      signal: controller.signal,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBodyBytes) {
        res.body.destroy();
        throw new NetboxTransportError('too-large', `the answer is larger than ${maxBodyBytes} bytes`);
      }
      chunks.push(chunk);
    }
    return {
      status: res.statusCode,
      headers: flattenHeaders(res.headers),
      body: Buffer.concat(chunks).toString('utf8'),
    };
  } catch (error) {
    if (error instanceof NetboxTransportError) throw error;
    throw classify(error, timedOut, req.signal?.aborted === true);
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', forwardAbort);
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** Maps undici/Node errors (codes anywhere in the cause chain) onto what a user needs to know. */
export function classify(error: unknown, timedOut: boolean, abortedByCaller: boolean): NetboxTransportError {
  const codes = errorCodes(error);
  const message = error instanceof Error ? error.message : String(error);
  const first = (set: ReadonlySet<string>) => codes.find((c) => set.has(c));
  const tls = codes.find(isTlsCode);
  const pick = (failure: TransportFailure, code: string | undefined) =>
    new NetboxTransportError(failure, message, code);
  if (timedOut) return pick('timeout', first(TIMEOUT_CODES) ?? 'DEADLINE');
  if (abortedByCaller) return pick('aborted', 'ABORTED');
  if (tls) return pick('tls', tls);
  if (first(TIMEOUT_CODES)) return pick('timeout', first(TIMEOUT_CODES));
  if (first(DNS_CODES)) return pick('dns', first(DNS_CODES));
  if (first(REFUSED_CODES)) return pick('refused', first(REFUSED_CODES));
  if (first(RESET_CODES)) return pick('reset', first(RESET_CODES));
  return pick('network', codes[0]);
}

export function isTlsCode(code: string): boolean {
  return (
    /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_OSSL_)/.test(code) ||
    code === 'EPROTO'
  );
}

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth++) {
    if (typeof current === 'object' && 'code' in current && typeof current.code === 'string') {
      codes.push(current.code);
    }
    current = typeof current === 'object' && 'cause' in current ? current.cause : undefined;
  }
  return codes;
}
