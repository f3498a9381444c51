/**
 * What went wrong talking to NetBox, as one error type whose message a user can act on.
 * `kind` lets code branch (retry, mark the source stale, show a "fix your token" hint)
 * without parsing the message.
 */
export type NetboxErrorKind =
  /** The URL the user gave cannot be used. */
  | 'bad-url'
  /** A setting is wrong (token format, filter syntax, CA file...). */
  | 'config'
  /** NetBox refused the token (403/401 with NetBox's own reason). */
  | 'auth'
  /** The token is valid but may not read this (403 "You do not have permission..."). */
  | 'permission'
  /** 404: the URL does not lead to a NetBox API. */
  | 'not-found'
  /** 400: NetBox rejected a filter value. */
  | 'bad-request'
  /** 5xx from NetBox or a proxy in front of it. */
  | 'server'
  /** 429 from a proxy, still throttled after the retries. */
  | 'rate-limited'
  /** The answer was not JSON (a proxy's HTML page, an SSO login page). */
  | 'not-json'
  /** JSON that is cut off or not shaped like NetBox's. */
  | 'malformed'
  | 'timeout'
  /** Connection refused, reset or closed early. */
  | 'connection'
  | 'dns'
  | 'tls'
  | 'unsupported-version'
  | 'cancelled';

export class NetboxError extends Error {
  constructor(
    readonly kind: NetboxErrorKind,
    message: string,
    readonly details: {
      /** HTTP status when NetBox (or a proxy) answered. */
      status?: number;
      /** Whether trying again may help (set by the code that classified the failure). */
      retryable?: boolean;
      /** A Retry-After the server sent, already converted to milliseconds from now. */
      retryAfterMs?: number;
      /** NetBox's own explanation (the `detail` of its JSON error body). */
      detail?: string;
      /** The API-Version header of the failed answer (NetBox sends it on errors too). */
      apiVersion?: string;
    } = {},
  ) {
    super(message);
    this.name = 'NetboxError';
  }

  get retryable(): boolean {
    return this.details.retryable === true;
  }

  /** The same failure with a message that names more context (which request, after how many tries). */
  withMessage(message: string): NetboxError {
    return new NetboxError(this.kind, message, this.details);
  }
}

export function isNetboxError(error: unknown): error is NetboxError {
  return error instanceof NetboxError;
}
