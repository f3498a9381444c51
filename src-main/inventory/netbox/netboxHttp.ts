/**
 * The one HTTP capability the NetBox client needs: a GET that returns status, headers and the
 * whole body as text. Tests substitute fakes (scripted answers, in-flight counters); the app
 * uses undiciNetboxHttp. Transport failures are reported as NetboxTransportError so the client
 * can tell a timeout from a refused connection from a certificate problem without knowing undici.
 */
export interface NetboxHttpRequest {
  url: string;
  headers: Readonly<Record<string, string>>;
  /** Hard limit for the whole exchange: connect, headers and every byte of the body. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface NetboxHttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string>>;
  body: string;
}

export interface NetboxHttp {
  get: (request: NetboxHttpRequest) => Promise<NetboxHttpResponse>;
  /** Releases sockets; further requests fail. */
  close: () => Promise<void>;
}

export type TransportFailure =
  'timeout' | 'refused' | 'reset' | 'dns' | 'tls' | 'too-large' | 'aborted' | 'network';

export class NetboxTransportError extends Error {
  constructor(
    readonly failure: TransportFailure,
    message: string,
    /** The low-level code (ECONNREFUSED, CERT_HAS_EXPIRED, UND_ERR_SOCKET...), for classification and logs. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'NetboxTransportError';
  }
}

/** TLS options of one NetBox source: verification is on unless the user explicitly turns it off. */
export interface NetboxTlsOptions {
  /** PEM text of extra CA certificates to trust (in addition to the system's). */
  ca?: string;
  /** Skip certificate verification entirely. Unsafe: the UI must say so. */
  insecureSkipVerify?: boolean;
}
