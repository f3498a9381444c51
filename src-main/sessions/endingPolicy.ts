import type { ConnectDeadline, ConnectFailureCause, ConnectionStatus } from '../../src-preload/api';
import { reconnectDelay, type ReconnectPolicy } from './reconnectPolicy';
import type { EndingVerdict } from './sessionEnding';
import { lastWords } from './sshMessages';

/** What follows an ending, the same for every backend (tmux or direct). */
export type NextStep =
  /** A clean exit and the user does not keep closed panes: the tab goes, as in any terminal. */
  | { action: 'close' }
  /** The pane stays with its last screen and says why; nothing happens until the user acts. */
  | { action: 'keep'; status: ConnectionStatus; reason: string }
  /** A drop: ssh starts again in the same pane after `delayMs` (attempt is 1-based). */
  | { action: 'retry'; status: 'disconnected'; reason: string; attempt: number; delayMs: number };

export interface EndingContext {
  keepClosedPanes: boolean;
  policy: ReconnectPolicy;
  /** Retries already made since the session was last connected. */
  attemptsSoFar: number;
  /** The pane's last lines, for an ending nobody could explain. */
  tail: string;
  /** The deadline the attempt had, to name it when Muxdeck gave up. */
  deadline?: ConnectDeadline;
  /** A better reason than ssh's words for an authentication failure (a rejected saved password). */
  authNote?: string;
}

/** Only drops are retried; every other ending keeps the pane (or closes it on a clean exit). */
export function nextStep(ending: EndingVerdict, context: EndingContext): NextStep {
  switch (ending.kind) {
    case 'exited':
      if (ending.exitStatus === 0 && !context.keepClosedPanes) return { action: 'close' };
      return {
        action: 'keep',
        status: 'disconnected',
        reason:
          ending.exitStatus === 0
            ? 'The session ended (exit status 0)'
            : `The session ended with exit status ${ending.exitStatus ?? '?'}`,
      };
    case 'connect-failed':
      return { action: 'keep', status: 'error', reason: connectFailureReason(ending, context) };
    case 'unknown':
      return { action: 'keep', status: 'error', reason: unknownReason(ending, context.tail) };
    case 'dropped': {
      const reason = ending.message ?? 'Connection lost';
      const attempt = context.attemptsSoFar + 1;
      const max = context.policy.maxAttempts;
      if (attempt > max) {
        const gaveUp = max > 0 ? ` (gave up after ${max} attempts)` : '';
        return { action: 'keep', status: 'disconnected', reason: `${reason}${gaveUp}` };
      }
      return {
        action: 'retry',
        status: 'disconnected',
        reason,
        attempt,
        delayMs: reconnectDelay(context.policy, attempt),
      };
    }
  }
}

const CAUSE_WORDS: Record<ConnectFailureCause, string> = {
  refused: 'the connection was refused',
  unreachable: 'the host could not be reached',
  dns: 'the host name could not be resolved',
  negotiation: 'ssh and the server have no algorithm in common',
  'host-key': 'the host key changed or could not be verified',
  auth: 'authentication failed',
  jump: 'the jump host failed',
  config: 'the ssh configuration has an error',
  deadline: 'the connect deadline passed',
  closed: 'the server closed the connection',
  other: 'ssh failed',
};

/** ssh's own line when it gave one (the user can search for it); Muxdeck's words otherwise. */
function connectFailureReason(ending: EndingVerdict, context: EndingContext): string {
  if (ending.cause === 'deadline' && context.deadline) {
    const whose =
      context.deadline.source === 'ssh-config'
        ? "the ssh config's ConnectTimeout"
        : 'the connect deadline setting';
    return `Gave up connecting after ${context.deadline.seconds} s (${whose}); not retried`;
  }
  if (ending.cause === 'auth' && context.authNote) return context.authNote;
  return ending.message ?? `Could not connect: ${CAUSE_WORDS[ending.cause ?? 'other']}`;
}

function unknownReason(ending: EndingVerdict, tail: string): string {
  const how =
    ending.signal !== undefined
      ? `ssh was killed by signal ${ending.signal}`
      : ending.exitStatus !== undefined
        ? `exit status ${ending.exitStatus}`
        : 'no exit status recorded';
  const last = lastWords(tail);
  return `Ended for an unknown reason (${how})${last ? `; last line: ${last.slice(0, 200)}` : ''}`;
}
