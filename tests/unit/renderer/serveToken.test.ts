import { describe, expect, it } from 'vitest';
import { SERVE_TOKEN_STORAGE_KEY, takeServeToken } from '../../../src-renderer/src/bridge/serveToken';

function page(hash: string, stored?: string) {
  const storage = new Map<string, string>(stored === undefined ? [] : [[SERVE_TOKEN_STORAGE_KEY, stored]]);
  const replaced: string[] = [];
  return {
    storage,
    replaced,
    state: {
      location: { hash, pathname: '/', search: '' },
      history: { replaceState: (_data: unknown, _unused: string, url: string) => void replaced.push(url) },
      storage: {
        getItem: (key: string) => storage.get(key) ?? null,
        setItem: (key: string, value: string) => void storage.set(key, value),
      },
    },
  };
}

describe('the serve token in the page', () => {
  it('takes the token from the fragment, keeps it for reloads and drops it from the address and history', () => {
    const p = page('#token=abc_DEF-123');
    expect(takeServeToken(p.state)).toBe('abc_DEF-123');
    expect(p.storage.get(SERVE_TOKEN_STORAGE_KEY)).toBe('abc_DEF-123');
    expect(p.replaced).toEqual(['/']);
  });

  it('after a reload (no fragment) uses the kept token and leaves history alone', () => {
    const p = page('', 'kept');
    expect(takeServeToken(p.state)).toBe('kept');
    expect(p.replaced).toEqual([]);
  });

  it('a newly printed URL replaces a kept token (the server restarted)', () => {
    const p = page('#token=fresh', 'stale');
    expect(takeServeToken(p.state)).toBe('fresh');
    expect(p.storage.get(SERVE_TOKEN_STORAGE_KEY)).toBe('fresh');
  });

  it('has no token when opened without one', () => {
    expect(takeServeToken(page('').state)).toBeUndefined();
    expect(takeServeToken(page('#other=1').state)).toBeUndefined();
  });
});
