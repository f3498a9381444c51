/**
 * NetBox names are shown in the tree as they are, except characters that would hide or
 * disguise text: control characters, bidirectional overrides, zero-width and other format
 * characters become visible escapes (`\u{202e}`), and very long names are cut.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const MAX_LENGTH = 200;

export function visibleText(text: string): string {
  const visible = text.replace(HIDDEN, (ch) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}`);
  return [...visible].length > MAX_LENGTH ? `${[...visible].slice(0, MAX_LENGTH).join('')}…` : visible;
}

export function hasHiddenCharacters(text: string): boolean {
  HIDDEN.lastIndex = 0;
  return HIDDEN.test(text);
}
