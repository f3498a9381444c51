import type { ConnectFailureCause } from '../../src-preload/api';

/**
 * What ssh said about why it stopped, found in its own last lines. ssh exits 255 for all of its own
 * errors, so only its words tell a refused port from a rejected key. 'drop' is a connection that was
 * up and was lost; everything else is a reason ssh could not get a session.
 */
export type SshMessageCause = ConnectFailureCause | 'drop';

export interface SshMessage {
  cause: SshMessageCause;
  /** ssh's line, as it printed it (trimmed). */
  line: string;
}

/** Order matters within one line: the first rule that matches a line names its cause. */
const RULES: ReadonlyArray<{ cause: SshMessageCause; pattern: RegExp }> = [
  {
    cause: 'jump',
    pattern: /ProxyJump loop|stdio forwarding failed|Connection closed by UNKNOWN port 65535/i,
  },
  {
    cause: 'host-key',
    pattern:
      /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for \S+ has changed|host key is known for .* and you have requested strict checking/i,
  },
  {
    cause: 'negotiation',
    pattern:
      /Unable to negotiate with|no matching (?:host key type|key exchange method|cipher|MAC) found|Bad protocol version identification|Protocol major versions differ/i,
  },
  {
    cause: 'auth',
    pattern:
      /Permission denied \([^)]*\)|Too many authentication failures|Authentication failed|The saved (?:password|passphrase) .* was rejected/i,
  },
  {
    cause: 'config',
    pattern:
      /Bad configuration option|bad configuration options|Unsupported option|line \d+: |Can't open user config file|Bad owner or permissions on|Missing argument\.|garbage at end of line|Keyword \S+ extra arguments/i,
  },
  {
    cause: 'dns',
    pattern:
      /Could not resolve hostname|Name or service not known|nodename nor servname|Temporary failure in name resolution/i,
  },
  { cause: 'refused', pattern: /Connection refused/i },
  {
    cause: 'unreachable',
    pattern: /No route to host|Network is unreachable|Connection timed out|Operation timed out|Host is down/i,
  },
  {
    cause: 'drop',
    pattern:
      /closed by remote host|Broken pipe|Connection reset by peer|Timeout, server .* not responding|client_loop: send disconnect|packet_write_wait|Connection to \S+ closed\./i,
  },
  { cause: 'closed', pattern: /Connection closed by \S+ port \d+|kex_exchange_identification/i },
];

/** Lines tmux adds to a dead pane; never ssh's words. */
const TMUX_LINE = /^Pane is dead/;

/**
 * The last line (from the bottom) in which ssh says why it stopped, or undefined when it said nothing
 * Muxdeck knows. The bottom wins: the nearest line is the one about this ending.
 */
export function findSshMessage(tail: string): SshMessage | undefined {
  const lines = tail.split(/\r?\n/);
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const line = (lines[index] ?? '').trim();
    if (!line || TMUX_LINE.test(line)) continue;
    const rule = RULES.find((candidate) => candidate.pattern.test(line));
    if (rule) return { cause: rule.cause, line: preferredLine(rule.cause, lines, index) ?? line };
  }
  return undefined;
}

/**
 * Some failures end with a line that says little, and ssh's telling line is just above it: a changed
 * host key ends with "Host key verification failed." under the line naming the host; a failed jump
 * host ends with "Connection closed by UNKNOWN port 65535" under the jump ssh's own reason.
 */
function preferredLine(cause: SshMessageCause, lines: readonly string[], index: number): string | undefined {
  const wanted =
    cause === 'host-key'
      ? /Host key for \S+ has changed and you have requested strict checking/
      : cause === 'jump' && /UNKNOWN port 65535/.test(lines[index] ?? '')
        ? /Connection refused|No route to host|Network is unreachable|timed out|Could not resolve hostname|Permission denied \(|Host key verification failed|Unable to negotiate|open failed/i
        : undefined;
  if (!wanted) return undefined;
  for (let i = index - 1; i >= Math.max(0, index - 40); i -= 1) {
    const line = (lines[i] ?? '').trim();
    if (wanted.test(line)) return cause === 'jump' ? `Jump host: ${line}` : line;
  }
  // With ControlPersist ssh sends the jump ssh's stderr to /dev/null: its reason never reaches the pane.
  return cause === 'jump' ? `Jump host failed: ${(lines[index] ?? '').trim()}` : undefined;
}

/** The last line with text: what ssh (or the program) said last, for an ending nobody could explain. */
export function lastWords(tail: string): string | undefined {
  const lines = tail.split(/\r?\n/).map((line) => line.trim());
  return lines.reverse().find((line) => line !== '' && !TMUX_LINE.test(line));
}
