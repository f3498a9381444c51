/** A dotted version as numbers: "20.19.2" → [20, 19, 2]; "v20.19" and "3.3a" read too (the letter is a patch). */
export function parseVersion(text: string): number[] | undefined {
  const match = /(\d+)\.(\d+)(?:\.(\d+))?([a-z])?/.exec(text);
  if (!match) return undefined;
  const letter = match[4] ? match[4].charCodeAt(0) - 96 : 0;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? letter)];
}

/** Negative when a < b, 0 when equal, positive when a > b; missing parts count as 0. */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
