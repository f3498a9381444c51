/**
 * send_keys: each item is a tmux key name (Enter, C-c, M-x, F5, Up) or literal text. Key names are
 * checked against tmux's own list, so a typo ("C-cc") is an error rather than text typed into a shell;
 * literal text may hold no control characters (a key name says what is meant instead).
 */
const NAMED_KEYS = [
  'Enter',
  'Escape',
  'Tab',
  'BTab',
  'BSpace',
  'Space',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'PgUp',
  'PgDn',
  'PPage',
  'NPage',
  'IC',
  'DC',
  'Insert',
  'Delete',
  ...Array.from({ length: 12 }, (_, i) => `F${i + 1}`),
];
const BY_LOWER = new Map(NAMED_KEYS.map((name) => [name.toLowerCase(), name]));

export const MAX_KEYS = 200;
export const MAX_LITERAL_CHARS = 4096;

export type KeyPart = { literal: boolean; text: string };

export type KeysResult = { ok: true; parts: KeyPart[] } | { ok: false; error: string };

export function parseKeys(keys: readonly string[]): KeysResult {
  if (keys.length === 0) return { ok: false, error: 'give at least one key or text' };
  if (keys.length > MAX_KEYS) return { ok: false, error: `at most ${MAX_KEYS} items in keys` };
  const parts: KeyPart[] = [];
  for (const [index, item] of keys.entries()) {
    const key = keyName(item);
    if (key) {
      parts.push({ literal: false, text: key });
      continue;
    }
    if (/^(?:[CMS]-)+\S/.test(item))
      return { ok: false, error: `keys[${index}]: ${JSON.stringify(item)} is not a key name tmux knows` };
    if (item.length === 0) return { ok: false, error: `keys[${index}] is empty` };
    if (item.length > MAX_LITERAL_CHARS)
      return { ok: false, error: `keys[${index}] is longer than ${MAX_LITERAL_CHARS} characters` };
    if (hasControl(item))
      return {
        ok: false,
        error: `keys[${index}] contains control characters: send them as key names (Enter, Tab, C-c)`,
      };
    parts.push({ literal: true, text: item });
  }
  return { ok: true, parts };
}

/** The canonical tmux name of a key, or undefined when item is not one. */
export function keyName(item: string): string | undefined {
  const match = /^((?:[CMS]-)*)(.+)$/.exec(item);
  if (!match) return undefined;
  const modifiers = match[1] ?? '';
  const base = match[2] ?? '';
  const named = BY_LOWER.get(base.toLowerCase());
  if (named) return `${modifiers}${named}`;
  // With a modifier, one printable ASCII character is a key too (C-c, M-x, C-M-a).
  if (modifiers && base.length === 1 && base >= '!' && base <= '~') return `${modifiers}${base}`;
  return undefined;
}

function hasControl(text: string): boolean {
  return [...text].some((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0);
  });
}
