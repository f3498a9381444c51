import type { Logger } from '../ports';

/** One JSON line per record. Callers pass facts, never secrets (docs/security.md). */
export function streamLogger(write: (line: string) => void, clock: () => number = Date.now): Logger {
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    write(`${JSON.stringify({ time: new Date(clock()).toISOString(), level, message, ...fields })}\n`);
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
