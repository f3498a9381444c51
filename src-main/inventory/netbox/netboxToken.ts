import { NetboxError } from './netboxErrors';

/**
 * Where a NetBox source gets its API token. The CLI reads an environment variable; the app
 * will read the OS keychain. `undefined` means "no token configured" (anonymous reads).
 */
export type NetboxTokenProvider = () => Promise<string | undefined>;

export const NETBOX_TOKEN_ENV = 'MUXDECK_NETBOX_TOKEN';

export function envTokenProvider(env: NodeJS.ProcessEnv, name = NETBOX_TOKEN_ENV): NetboxTokenProvider {
  return () => Promise.resolve(env[name]?.trim() || undefined);
}

export interface NetboxCredentials {
  /** The Authorization header value. Never log it, never put it in a message. */
  readonly authorization: string;
  /** v1 (`Token <40 hex>`) or v2 (NetBox 4.5+ `Bearer nbt_<key>.<secret>`). */
  readonly style: 'v1' | 'v2';
  /** Every substring that would reveal the secret, for redaction. */
  readonly secrets: readonly string[];
}

/**
 * Builds the Authorization header the way pynetbox does: a token starting with `nbt_` is a
 * NetBox 4.5 v2 token sent as `Bearer`, anything else a v1 token sent as `Token`. A keyword
 * pasted along with the token ("Token abc...") is tolerated.
 */
export function netboxCredentials(rawToken: string): NetboxCredentials {
  const token = rawToken.trim().replace(/^(token|bearer)\s+/i, '');
  if (token === '') throw new NetboxError('config', 'The NetBox API token is empty.');
  if (/[\s\p{Cc}]/u.test(token)) {
    throw new NetboxError(
      'config',
      'The NetBox API token contains white space or control characters; copy it again from NetBox (User menu › API Tokens).',
    );
  }
  if (token.startsWith('nbt_')) {
    const dot = token.indexOf('.');
    if (dot <= 'nbt_'.length || dot === token.length - 1) {
      throw new NetboxError(
        'config',
        'The NetBox token starts with nbt_ (a NetBox 4.5+ v2 token) but is not of the form nbt_<key>.<secret>; ' +
          'NetBox shows the whole token, secret included, only once when it is created.',
      );
    }
    return { authorization: `Bearer ${token}`, style: 'v2', secrets: [token, token.slice(dot + 1)] };
  }
  return { authorization: `Token ${token}`, style: 'v1', secrets: [token] };
}

/** Replaces any trace of the secrets in a text (error bodies echoed by proxies, library messages). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    // Short fragments would redact innocent text; real tokens are 40+ characters.
    if (secret.length >= 8) out = out.split(secret).join('***');
  }
  return out;
}
