import type { Logger } from '../ports';

/** The slice of `process` this needs, so a test can hand in its own emitter. */
export interface RejectionSource {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/**
 * A promise nobody awaited that fails is logged, and the app keeps running. Node's default ends the
 * process, so one forgotten `.catch` anywhere took every session's view down with it (issue 11).
 * Only the message is logged: a reason's other fields may hold request data. Returns the uninstaller.
 */
export function keepRunningOnStrayRejections(source: RejectionSource, logger: Logger): () => void {
  const listener = (reason: unknown): void => {
    logger.error('unhandled rejection (kept running)', {
      error: reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason).slice(0, 500),
    });
  };
  source.on('unhandledRejection', listener);
  return () => source.off('unhandledRejection', listener);
}
