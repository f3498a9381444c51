import type { ConnectDeadline, ConnectFailureCause, SessionEnding } from '../../src-preload/api';
import { findSshMessage } from './sshMessages';

/** ssh's own exit status for its own errors; any other status is the remote program's. */
const SSH_ERROR_STATUS = 255;

/** Failures that stay failures however often ssh is run again: the user has to act. */
const LASTING_CAUSES: ReadonlySet<ConnectFailureCause> = new Set([
  'negotiation',
  'host-key',
  'auth',
  'config',
  'jump',
]);

export interface EndingEvidence {
  /** What tmux (or node-pty) recorded; both absent when the status was lost. */
  exit: { status?: number; signal?: number };
  /** The pane's last lines since the last seam line (seamLine.ts). */
  tail: string;
  /** Whether this session was ever connected: a 255 before that is a connect failure, after it a drop. */
  everConnected: boolean;
  /** Set when Muxdeck itself stopped the attempt at its connect deadline. */
  gaveUpAt?: ConnectDeadline;
}

export type EndingVerdict = Omit<SessionEnding, 'at'>;

/**
 * Why a session's ssh ended, from its exit status AND its own words. Never guesses "the program
 * exited" without a recorded status other than 255: an ending it cannot explain is 'unknown'.
 */
export function classifyEnding(evidence: EndingEvidence): EndingVerdict {
  const { exit } = evidence;
  const recorded = {
    ...(exit.status !== undefined ? { exitStatus: exit.status } : {}),
    ...(exit.signal !== undefined ? { signal: exit.signal } : {}),
  };
  if (evidence.gaveUpAt) return { kind: 'connect-failed', cause: 'deadline', ...recorded };
  if (exit.status !== undefined && exit.signal === undefined && exit.status !== SSH_ERROR_STATUS)
    return { kind: 'exited', exitStatus: exit.status };

  const said = findSshMessage(evidence.tail);
  if (said) {
    const message = said.line.slice(0, 2000);
    if (said.cause !== 'drop' && LASTING_CAUSES.has(said.cause))
      return { kind: 'connect-failed', cause: said.cause, message, ...recorded };
    // Refused, unreachable, a dropped link: passing trouble once the host has been reached before.
    if (evidence.everConnected) return { kind: 'dropped', message, ...recorded };
    return {
      kind: 'connect-failed',
      cause: said.cause === 'drop' ? 'closed' : said.cause,
      message,
      ...recorded,
    };
  }
  // A pane sharing a master connection ends silently (255, no words) when the master's link drops.
  if (exit.status === SSH_ERROR_STATUS && evidence.everConnected) return { kind: 'dropped', ...recorded };
  return { kind: 'unknown', ...recorded };
}
