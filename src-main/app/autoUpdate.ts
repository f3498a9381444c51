import { dirname, join } from 'node:path';
import type { Logger } from '../ports';

/**
 * When Muxdeck looks for a newer release (electron-updater, GitHub releases). Plain Node: index.ts
 * hands in the updater and the facts; everything decided here is unit-tested.
 */

export type UpdateDecision = { enabled: true } | { enabled: false; reason: string };

export interface UpdateFacts {
  /** The user's setting (settings.autoUpdate in the store); read at every check, so turning it off takes effect at once. */
  setting: boolean;
  isPackaged: boolean;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The app's executable (process.execPath). */
  execPath: string;
  productName: string;
  fileExists: (path: string) => boolean;
}

/** First check a little after start (never in the way of opening the window), then every 6 hours. */
export const UPDATE_SCHEDULE = { firstAfterMs: 30_000, everyMs: 6 * 60 * 60 * 1000 } as const;

export function autoUpdateDecision(facts: UpdateFacts): UpdateDecision {
  if (!facts.isPackaged) return { enabled: false, reason: 'not a packaged build' };
  if (facts.env.MUXDECK_DISABLE_AUTO_UPDATE === '1')
    return { enabled: false, reason: 'MUXDECK_DISABLE_AUTO_UPDATE=1' };
  if (!facts.setting) return { enabled: false, reason: 'turned off in settings' };
  if (facts.platform === 'linux' && !facts.env.APPIMAGE)
    // A .deb belongs to the package manager: the user installs the next .deb (docs/install.md).
    return { enabled: false, reason: 'not running from an AppImage' };
  if (facts.platform === 'win32') {
    // Only the NSIS installer can update itself; an MSI is managed by whoever deployed it.
    const uninstaller = join(dirname(facts.execPath), `Uninstall ${facts.productName}.exe`);
    if (!facts.fileExists(uninstaller))
      return { enabled: false, reason: 'not installed by the NSIS installer' };
  }
  return { enabled: true };
}

export interface UpdateTimers {
  setTimeout(fn: () => void, ms: number): { unref?(): void };
  setInterval(fn: () => void, ms: number): { unref?(): void };
  clearTimeout(handle: unknown): void;
  clearInterval(handle: unknown): void;
}

/**
 * Runs check() on UPDATE_SCHEDULE while decide() says so; a failed check (offline, rate-limited)
 * is logged and retried at the next tick. Returns a stop function.
 */
export function scheduleUpdateChecks(opts: {
  decide: () => UpdateDecision;
  check: () => Promise<unknown>;
  logger: Logger;
  timers?: UpdateTimers;
}): () => void {
  const timers = opts.timers ?? globalThis;
  let lastReason: string | undefined;
  let running = false;
  const tick = (): void => {
    const decision = opts.decide();
    if (!decision.enabled) {
      // Said once per reason, not every 6 hours.
      if (decision.reason !== lastReason) opts.logger.info('auto-update off', { reason: decision.reason });
      lastReason = decision.reason;
      return;
    }
    lastReason = undefined;
    if (running) return;
    running = true;
    opts
      .check()
      .catch((error: unknown) => opts.logger.warn('update check failed', { error: String(error) }))
      .finally(() => (running = false));
  };
  const first = timers.setTimeout(tick, UPDATE_SCHEDULE.firstAfterMs);
  const every = timers.setInterval(tick, UPDATE_SCHEDULE.everyMs);
  first.unref?.();
  every.unref?.();
  return () => {
    timers.clearTimeout(first);
    timers.clearInterval(every);
  };
}
