/**
 * Why did ssh end? ssh exits with the remote command's status, or 255 for its own
 * errors, and prints the reason as its last words in the pane. The answer decides
 * what Muxdeck does: close the tab, retry, or stop and tell the user.
 */
export type ExitKind =
  /** The remote command finished (the user typed `exit`): close the tab, as any terminal does. */
  | 'finished'
  /** The connection dropped or could not be made: retry with backoff. */
  | 'network'
  /** Retrying cannot help without the user: wrong credentials, changed host key, unknown host. */
  | 'auth'
  | 'host-key'
  | 'unresolvable';

export interface ExitClassification {
  kind: ExitKind;
  reason: string;
}

const SSH_ERROR_STATUS = 255;

const RULES: ReadonlyArray<{ kind: ExitKind; pattern: RegExp; reason: (match: RegExpExecArray) => string }> =
  [
    {
      kind: 'host-key',
      pattern:
        /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed|Host key for \S+ has changed/i,
      reason: () => 'Host key changed or not verified: check known_hosts before reconnecting',
    },
    {
      kind: 'auth',
      pattern: /Permission denied \(([^)]*)\)|Too many authentication failures|Authentication failed/i,
      reason: (m) => (m[1] ? `Permission denied (${m[1]})` : 'Authentication failed'),
    },
    {
      kind: 'unresolvable',
      pattern: /Could not resolve hostname ([^:\s]+)[^\n]*/i,
      reason: (m) => `Could not resolve host name ${m[1] ?? ''}`.trim(),
    },
    {
      kind: 'network',
      pattern:
        /(Connection refused|Connection timed out|Operation timed out|No route to host|Network is unreachable|Connection reset by peer|Broken pipe|closed by remote host|Connection closed by [^\n]*|Timeout, server [^\n]* not responding)/i,
      reason: (m) => capitalise(m[1] ?? 'Connection lost'),
    },
  ];

export function classifyExit(
  exit: { status?: number; signal?: number },
  paneTail: string,
): ExitClassification {
  const known = exit.status !== undefined || exit.signal !== undefined;
  // A status other than ssh's own 255, without a signal: the remote command finished.
  if (known && exit.signal === undefined && exit.status !== SSH_ERROR_STATUS) {
    return { kind: 'finished', reason: `Session ended (exit status ${exit.status})` };
  }
  for (const rule of RULES) {
    const match = rule.pattern.exec(paneTail);
    if (match) return { kind: rule.kind, reason: rule.reason(match) };
  }
  // tmux lost the status and ssh said nothing: most likely the user's shell simply ended.
  if (!known) return { kind: 'finished', reason: 'Session ended' };
  // A pane sharing a master connection dies silently when the master drops (or ssh was killed):
  // nothing on screen is ssh's own words then (the last line is the remote prompt).
  return { kind: 'network', reason: 'Connection lost' };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
