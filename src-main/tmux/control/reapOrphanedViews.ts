import type { Logger } from '../../ports';
import type { TmuxServer } from '../tmuxServer';
import { orphanedClientPids } from './orphanedViews';

/** Ends the control clients a crashed Muxdeck left behind; tmux then drops them. Never throws. */
export async function reapOrphanedViews(
  tmux: TmuxServer,
  logger: Logger,
  kill: (pid: number) => void = (pid) => process.kill(pid, 'SIGTERM'),
): Promise<void> {
  try {
    const orphans = orphanedClientPids(await tmux.listClients());
    for (const pid of orphans) {
      try {
        kill(pid);
      } catch {
        // Gone meanwhile.
      }
    }
    if (orphans.length > 0)
      logger.info('ended terminal views left by an earlier run', { count: orphans.length });
  } catch (error) {
    logger.warn('could not look for terminal views left by an earlier run', { error: String(error) });
  }
}
