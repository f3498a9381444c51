import { mkdirSync, statSync, truncateSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/** Name of the variable, in the tmux server's environment, that tmux.conf's pane-died hook appends to. */
export const PANE_EVENTS_VARIABLE = 'MUXDECK_EVENTS';

/** The file only wakes Muxdeck up (list-sessions is the truth), so it can be emptied when it grows. */
const MAX_EVENTS_FILE_BYTES = 256 * 1024;
const DEBOUNCE_MS = 25;

/**
 * tmux.conf's pane-died hook appends a line to a file in MUXDECK_HOME; watching that file tells
 * Muxdeck at once that some ssh ended, with no polling and no helper process per event.
 */
export class PaneEventsWatcher {
  readonly file: string;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = join(dir, 'pane-events.log');
  }

  start(onEvent: () => void): void {
    this.watcher = watch(join(this.file, '..'), () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.trim();
        onEvent();
      }, DEBOUNCE_MS);
    });
  }

  stop(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }

  private trim(): void {
    try {
      if (statSync(this.file).size > MAX_EVENTS_FILE_BYTES) truncateSync(this.file, 0);
    } catch {
      // No events file yet.
    }
  }
}
