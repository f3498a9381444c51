import { NetboxError } from './netboxErrors';

/** A NetBox instance's web root (scheme, host, port and an optional path prefix), without a trailing slash. */
export interface NetboxBaseUrl {
  /** e.g. `https://netbox.example.com` or `https://tools.example.com/netbox` */
  readonly base: string;
  readonly protocol: 'http:' | 'https:';
  readonly host: string;
}

/**
 * Reads the URL a user typed. Users paste the web UI URL, the API root or a list URL,
 * so a trailing `/api/...` is dropped; everything that would make requests ambiguous
 * or leak (credentials in the URL, a query, a fragment) is refused with the reason.
 */
export function parseNetboxUrl(input: string): NetboxBaseUrl {
  const text = input.trim();
  if (text === '')
    throw badUrl(input, 'it is empty; give the address of your NetBox, e.g. https://netbox.example.com');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const hostAndPath = text.replace(/^\/+/, '').replace(/^[^/@]*@/, '');
    throw badUrl(hostAndPath, `it has no scheme; did you mean https://${hostAndPath} ?`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badUrl(text, 'it is not a valid URL');
  }
  // Name the URL without credentials or query in messages: either may hold a secret.
  const shown = `${url.protocol}//${url.host}${url.pathname}${url.search || url.hash ? '?…' : ''}`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw badUrl(shown, `the scheme must be https (or http), not ${url.protocol.replace(/:$/, '')}`);
  }
  if (url.hostname === '') throw badUrl(shown, 'it has no host name');
  if (url.username !== '' || url.password !== '') {
    throw badUrl(
      shown,
      'it contains a user name or password; NetBox authenticates with an API token instead',
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw badUrl(
      shown,
      'it has a query or fragment; give only the address of NetBox (filters are set separately)',
    );
  }
  const path = url.pathname.replace(/\/api(\/.*)?$/, '').replace(/\/+$/, '');
  return { base: `${url.protocol}//${url.host}${path}`, protocol: url.protocol, host: url.host };
}

/** The absolute URL of an API path (`/api/dcim/devices/`) with query parameters, in the given order. */
export function apiUrl(
  base: NetboxBaseUrl,
  apiPath: string,
  params: ReadonlyArray<readonly [string, string]> = [],
): string {
  const search = new URLSearchParams();
  for (const [key, value] of params) search.append(key, value);
  const query = search.toString();
  return `${base.base}${apiPath}${query ? `?${query}` : ''}`;
}

function badUrl(shown: string, reason: string): NetboxError {
  const url = shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
  return new NetboxError('bad-url', `The NetBox URL ${JSON.stringify(url)} cannot be used: ${reason}.`);
}
