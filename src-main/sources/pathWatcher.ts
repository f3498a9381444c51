import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Calls onChange when anything under the given inventory paths changes. A directory is watched
 * recursively; a file through its directory (editors replace files by rename, and a deleted file
 * must be noticed too), together with the host_vars/ and group_vars/ next to it.
 */
export function watchPaths(paths: readonly string[], onChange: () => void): () => void {
  const watchers: FSWatcher[] = [];
  let stopped = false;
  const add = (path: string, recursive: boolean, only?: string): void => {
    if (stopped) return;
    try {
      const watcher = watch(path, { recursive, persistent: false }, (_event, name) => {
        if (only === undefined || name === null || String(name) === only) onChange();
      });
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // A path that does not exist (yet) is reported by the sync itself.
    }
  };
  void (async () => {
    for (const path of paths) {
      const info = await stat(path).catch(() => undefined);
      if (info?.isDirectory()) {
        add(path, true);
        continue;
      }
      add(dirname(path), false, basename(path));
      for (const adjacent of ['host_vars', 'group_vars']) {
        const dir = join(dirname(path), adjacent);
        if ((await stat(dir).catch(() => undefined))?.isDirectory()) add(dir, true);
      }
    }
  })();
  return () => {
    stopped = true;
    for (const watcher of watchers) watcher.close();
  };
}
