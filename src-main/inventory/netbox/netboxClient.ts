import type { Logger } from '../../ports';
import type { ConcurrencyLimiter } from './concurrencyLimiter';
import { NetboxError } from './netboxErrors';
import {
  bodyFailure,
  formatSeconds,
  httpFailure,
  transportFailure,
  type RequestContext,
} from './netboxFailures';
import { NetboxTransportError, type NetboxHttp, type NetboxHttpResponse } from './netboxHttp';
import { redactSecrets, type NetboxCredentials } from './netboxToken';
import { apiUrl, type NetboxBaseUrl } from './netboxUrl';
import { capabilitiesOf, versionFromHeader, type NetboxVersion } from './netboxVersion';
import { decideRetry, type RetryPolicy } from './retryPolicy';

export type QueryParams = ReadonlyArray<readonly [string, string]>;

export interface NetboxClientOptions {
  baseUrl: NetboxBaseUrl;
  /** Absent: anonymous reads (a NetBox with LOGIN_REQUIRED=False). */
  credentials?: NetboxCredentials;
  /** Hard limit per attempt, body included. */
  requestTimeoutMs: number;
  retry: RetryPolicy;
}

export interface NetboxClientDeps {
  http: NetboxHttp;
  /** Shared by every request of a sync: bounds what NetBox sees in flight. */
  limiter: ConcurrencyLimiter;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
  logger?: Logger;
  signal?: AbortSignal;
}

export interface NetboxJson {
  body: unknown;
  /** The API-Version header (major.minor), when NetBox sent one. */
  apiVersion?: string;
}

/**
 * GETs JSON from NetBox with retries. Every failure leaves as a NetboxError whose message says
 * what failed and how to fix it, and never contains the token (messages are scrubbed in one
 * place, here, whatever a proxy or library put in them).
 */
export class NetboxClient {
  private successes = 0;
  private version: NetboxVersion | undefined;
  /** Attempts made and how many of them were retries, for sync statistics. */
  readonly counters = { attempts: 0, retries: 0 };

  constructor(
    private readonly options: NetboxClientOptions,
    private readonly deps: NetboxClientDeps,
  ) {}

  get baseUrl(): NetboxBaseUrl {
    return this.options.baseUrl;
  }

  get credentials(): NetboxCredentials | undefined {
    return this.options.credentials;
  }

  /** Lets authentication failures explain version-specific causes (v2 tokens before 4.5). */
  noteVersion(version: NetboxVersion | undefined): void {
    this.version = version;
  }

  /** `what` names the request in messages, e.g. "the device list (offset 500)". */
  async getJson(apiPath: string, params: QueryParams = [], what = `GET ${apiPath}`): Promise<NetboxJson> {
    try {
      return await this.getWithRetries(apiPath, params, what);
    } catch (error) {
      throw this.scrub(error);
    }
  }

  private async getWithRetries(apiPath: string, params: QueryParams, what: string): Promise<NetboxJson> {
    const url = apiUrl(this.options.baseUrl, apiPath, params);
    for (let attempt = 1; ; attempt++) {
      const started = this.deps.now();
      this.counters.attempts++;
      if (attempt > 1) this.counters.retries++;
      let failure: NetboxError;
      try {
        const result = await this.attempt(url, what);
        this.successes++;
        this.log('info', 'netbox request', { what, attempt, ms: this.deps.now() - started });
        return result;
      } catch (error) {
        if (!(error instanceof NetboxError)) throw error;
        failure = error;
      }
      const decision = decideRetry(
        this.options.retry,
        attempt,
        {
          retryable: failure.retryable,
          ...(failure.details.retryAfterMs !== undefined
            ? { retryAfterMs: failure.details.retryAfterMs }
            : {}),
        },
        this.deps.random,
      );
      if (!decision.retry) {
        this.log('warn', 'netbox request failed', {
          what,
          attempt,
          kind: failure.kind,
          status: failure.details.status,
        });
        throw this.finalError(failure, attempt, decision.reason);
      }
      this.log('warn', 'netbox request will be retried', {
        what,
        attempt,
        kind: failure.kind,
        status: failure.details.status,
        delayMs: decision.delayMs,
      });
      await this.deps.sleep(decision.delayMs);
      if (this.deps.signal?.aborted)
        throw new NetboxError('cancelled', `The NetBox sync was cancelled during ${what}.`);
    }
  }

  private async attempt(url: string, what: string): Promise<NetboxJson> {
    const ctx: RequestContext = {
      what,
      base: this.options.baseUrl.base,
      host: this.options.baseUrl.host,
      nowMs: this.deps.now(),
    };
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.options.credentials) headers.Authorization = this.options.credentials.authorization;
    let res: NetboxHttpResponse;
    try {
      res = await this.deps.limiter.run(() =>
        this.deps.http.get({
          url,
          headers,
          timeoutMs: this.options.requestTimeoutMs,
          ...(this.deps.signal ? { signal: this.deps.signal } : {}),
        }),
      );
    } catch (error) {
      if (error instanceof NetboxTransportError) {
        throw transportFailure(error, { ...ctx, nowMs: this.deps.now() }, this.options.requestTimeoutMs);
      }
      throw error;
    }
    if (res.status < 200 || res.status >= 300) {
      throw this.withAuthHint(httpFailure(res, ctx), res.headers['api-version']);
    }
    try {
      const body = JSON.parse(res.body) as unknown;
      return { body, ...(res.headers['api-version'] ? { apiVersion: res.headers['api-version'] } : {}) };
    } catch (error) {
      throw bodyFailure(res, ctx, error);
    }
  }

  private withAuthHint(error: NetboxError, apiVersion: string | undefined): NetboxError {
    if (error.kind !== 'auth') return error;
    const version = this.version ?? versionFromHeader(apiVersion);
    const hints = [authHint(error.details.detail ?? '', this.options.credentials, version)];
    if (this.successes > 0) {
      hints.push(
        `It had worked for ${this.successes} request${this.successes === 1 ? '' : 's'} of this sync: ` +
          'the token was revoked, disabled or expired meanwhile.',
      );
    }
    return error.withMessage([error.message, ...hints.filter(Boolean)].join(' '));
  }

  private finalError(failure: NetboxError, attempts: number, reason: string): NetboxError {
    if (reason === 'retry-after-too-long' && failure.details.retryAfterMs !== undefined) {
      return failure.withMessage(
        `${failure.message} Muxdeck does not wait that long (limit ${formatSeconds(this.options.retry.maxRetryAfterMs)}); try again later.`,
      );
    }
    if (attempts > 1) return failure.withMessage(`${failure.message} (gave up after ${attempts} attempts)`);
    return failure;
  }

  private scrub(error: unknown): unknown {
    const secrets = this.options.credentials?.secrets ?? [];
    if (error instanceof NetboxError) return error.withMessage(redactSecrets(error.message, secrets));
    if (error instanceof Error) return new Error(redactSecrets(error.message, secrets));
    return error;
  }

  private log(level: 'info' | 'warn', message: string, fields: Record<string, unknown>): void {
    this.deps.logger?.[level](message, { base: this.options.baseUrl.base, ...fields });
  }
}

function authHint(
  detail: string,
  credentials: NetboxCredentials | undefined,
  version: NetboxVersion | undefined,
): string | undefined {
  if (!credentials) return 'This NetBox requires an API token.';
  if (credentials.style === 'v2' && version && !capabilitiesOf(version).v2Tokens) {
    return `This is NetBox ${version.text}: v2 tokens (nbt_…) need NetBox 4.5 or later. Create a v1 token instead.`;
  }
  if (/expired/i.test(detail)) return 'Create a new token in NetBox (or extend this one).';
  if (/disabled/i.test(detail)) return 'Enable the token in NetBox, or create a new one.';
  if (/not provided/i.test(detail) && credentials.style === 'v2') {
    return 'v2 tokens (nbt_…) need NetBox 4.5 or later; older releases ignore them. Use a v1 token.';
  }
  if (/invalid/i.test(detail)) return 'Check the token: it is wrong, or was deleted in NetBox.';
  return undefined;
}
