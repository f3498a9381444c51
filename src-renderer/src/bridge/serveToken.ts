/** Where the page keeps the token for reloads: per tab and per origin (port), never sent anywhere by itself. */
export const SERVE_TOKEN_STORAGE_KEY = 'muxdeck.serveToken';

export interface TokenPageState {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url: string): void };
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/**
 * serve mode's access token, from the URL fragment `muxdeck serve` prints (`#token=…`; browsers never
 * send a fragment to any server) or, after a reload, from sessionStorage. The fragment is dropped from
 * the address bar and from this history entry at once, so neither history nor address-bar suggestions
 * keep it. Undefined when the page was opened without it.
 */
export function takeServeToken(page: TokenPageState): string | undefined {
  const fromFragment = new URLSearchParams(page.location.hash.replace(/^#/, '')).get('token');
  if (fromFragment) {
    page.storage.setItem(SERVE_TOKEN_STORAGE_KEY, fromFragment);
    page.history.replaceState(null, '', page.location.pathname + page.location.search);
    return fromFragment;
  }
  return page.storage.getItem(SERVE_TOKEN_STORAGE_KEY) ?? undefined;
}
