import { dirname } from 'node:path';
import type { FileReader } from '../ports';
import { readSshConfig } from '../inventory/ssh-config/sshConfigReader';

const WILDCARD = /[*?[]/;

export interface SshConfigWatchDeps {
  file: string;
  home: string;
  files: FileReader;
  /** The Ansible sources' watcher (pathWatcher.ts): a file through its directory, a directory recursively. */
  watch: (paths: readonly string[], onChange: () => void) => () => void;
  /** Editors write in several steps: one change is announced after this quiet time. */
  debounceMs?: number;
  onChange: () => void;
}

/**
 * Keeps the ssh config source live: calls onChange when the config or anything it Includes changes, or
 * when a file appears where an Include glob would read it (`Include conf.d/*`). The watched set is
 * worked out again after every change, since an edit may add or drop an Include.
 */
export function watchSshConfig(deps: SshConfigWatchDeps): () => void {
  let stopWatching: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const arm = async (): Promise<void> => {
    const paths = await sshConfigWatchPaths(deps);
    if (stopped) return;
    stopWatching?.();
    stopWatching = deps.watch(paths, changed);
  };
  const changed = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (stopped) return;
      void arm().finally(() => {
        if (!stopped) deps.onChange();
      });
    }, deps.debounceMs ?? 150);
    timer.unref?.();
  };
  void arm();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    stopWatching?.();
  };
}

/** The config file, the files its Includes name, and the directories their globs read from. */
export async function sshConfigWatchPaths(deps: {
  file: string;
  home: string;
  files: FileReader;
}): Promise<string[]> {
  const includes = new Set<string>();
  // A config that does not parse is still watched: the fix to it must be noticed.
  await readSshConfig({ ...deps, includes }).catch(() => undefined);
  const paths = new Set<string>([deps.file]);
  for (const pattern of includes) {
    if (!WILDCARD.test(pattern)) {
      paths.add(pattern);
      continue;
    }
    // The deepest directory without a wildcard: files created under it match the glob.
    let dir = dirname(pattern);
    while (WILDCARD.test(dir)) dir = dirname(dir);
    paths.add(dir);
  }
  return [...paths];
}
