import { randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe: the secret that the printed URL carries, like a notebook server's. */
export function generateAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokensEqual(expected: string, presented: string | undefined | null): boolean {
  if (!presented) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
