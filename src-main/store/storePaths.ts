import { join } from 'node:path';

/** The store and its companions, all in MUXDECK_HOME. */
export interface StorePaths {
  main: string;
  /** A copy of the last content written successfully. */
  backup: string;
}

export function storePaths(home: string): StorePaths {
  const main = join(home, 'store.json');
  return { main, backup: `${main}.bak` };
}

/** `2025-01-31T09-41-00-123Z`: sortable, and valid in file names on every platform. */
export function fileStamp(now: number): string {
  return new Date(now).toISOString().replace(/[:.]/g, '-');
}
