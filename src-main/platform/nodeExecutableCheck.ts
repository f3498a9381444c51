import { accessSync, constants, statSync } from 'node:fs';

/** True when path is a file this process may execute (on Windows: a file that exists). */
export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
