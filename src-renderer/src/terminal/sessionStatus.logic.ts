import { RECONNECTED_NOTICE_MS, type ConnectionStatus, type SessionInfo } from '../../../src-preload/api';

/**
 * The connection status the user should see. A pane whose ssh has exited is not connected whatever the
 * status says (a main process that predates status tracking reports its default, "connecting").
 */
export function effectiveStatus(session: SessionInfo): ConnectionStatus {
  if (session.state === 'exited' && (session.status === 'connecting' || session.status === 'connected'))
    return 'disconnected';
  return session.status;
}

/** Compact age for a status line: "12s", "5m", "2h", "3d" (the largest whole unit, as UX.md's "connected 2h"). */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

/** Why the session is not connected, in the user's words: the server's reason, else ssh's exit status. */
export function statusReason(session: SessionInfo): string | undefined {
  if (session.reason) return session.reason;
  if (session.state === 'exited' && session.exitStatus !== undefined)
    return `ssh exited with status ${session.exitStatus}`;
  return undefined;
}

/** Seconds until the next automatic retry, rounded up; undefined when none is scheduled. */
export function secondsUntilRetry(session: SessionInfo, now: number): number | undefined {
  const nextAt = session.reconnect?.nextAt;
  if (nextAt === undefined) return undefined;
  return Math.max(0, Math.ceil((nextAt - now) / 1000));
}

/** "retrying 2/3" while Muxdeck retries; undefined when it does not. */
export function retryProgress(session: SessionInfo): string | undefined {
  const reconnect = session.reconnect;
  if (!reconnect || reconnect.maxAttempts === 0) return undefined;
  return `retrying ${reconnect.attempt}/${reconnect.maxAttempts}`;
}

/**
 * The status in the user's words: a host that was never reached "could not connect" (not "error", not
 * "disconnected"); a program that exited and was kept "ended"; otherwise the status itself.
 */
export function statusWords(session: SessionInfo): string {
  const status = effectiveStatus(session);
  const kind = session.ending?.kind;
  if (status === 'error' && kind === 'connect-failed') return 'could not connect';
  if (status === 'disconnected' && kind === 'exited') return 'ended';
  return status;
}

/** True for a while after a dropped session connected again: the shell is a new login. */
export function recentlyReconnected(session: SessionInfo, now: number): boolean {
  const at = session.reconnectedAt;
  return effectiveStatus(session) === 'connected' && at !== undefined && now - at < RECONNECTED_NOTICE_MS;
}

/**
 * The tab's accessible description and tooltip: "connected", "connecting",
 * "disconnected: Connection refused — retrying 2/3", "could not connect: Permission denied (publickey)".
 */
export function describeStatus(session: SessionInfo): string {
  const words = statusWords(session);
  const detail = statusDetail(session);
  return detail === undefined ? words : `${words}: ${detail}`;
}

/** Reason and retry progress of a session that is not connected; undefined for connecting/connected. */
function statusDetail(session: SessionInfo): string | undefined {
  const status = effectiveStatus(session);
  if (status === 'connected' || status === 'connecting') return undefined;
  const parts = [statusReason(session), retryProgress(session)].filter((part) => part !== undefined);
  return parts.length === 0 ? undefined : parts.join(' — ');
}

/** When the current status began: connected counts from the connection, everything else from the change. */
function statusStart(session: SessionInfo): number | undefined {
  const status = effectiveStatus(session);
  if (status === 'connected') return session.connectedAt ?? session.statusSince;
  return session.statusSince;
}

/**
 * The status line's words for the focused session: "connecting… 7s of 20s", "connected 2h",
 * "reconnected 3s: a new login…", "disconnected 5m: … — retrying 2/3", "could not connect 1m: …".
 */
export function statusLineText(session: SessionInfo, now: number): string {
  const status = effectiveStatus(session);
  const start = statusStart(session);
  const age = start === undefined ? '' : ` ${formatDuration(now - start)}`;
  if (status === 'connecting') {
    // The elapsed time against the deadline, so a hanging host is seen to hang, and for how long.
    const deadline = session.connectDeadline;
    if (start === undefined) return 'connecting…';
    return deadline ? `connecting…${age} of ${deadline.seconds}s` : `connecting…${age}`;
  }
  if (recentlyReconnected(session, now))
    return `reconnected${age}: a new login, the earlier shell (sudo, cd, virtualenv) is gone`;
  if (status === 'connected') return `connected${age}`;
  const words = statusWords(session);
  const detail = statusDetail(session);
  return detail === undefined ? `${words}${age}` : `${words}${age}: ${detail}`;
}

export interface ReconnectOverlayModel {
  /** error: needs the user (announced as an alert); disconnected: Muxdeck may fix it alone. */
  tone: 'error' | 'disconnected';
  title: string;
  reason: string | undefined;
  /** What Muxdeck does next on its own. */
  retry: string;
}

/** Whether and what the pane's reconnect overlay shows; null while the session is connecting or connected. */
export function reconnectOverlay(session: SessionInfo, now: number): ReconnectOverlayModel | null {
  const status = effectiveStatus(session);
  if (status === 'connecting' || status === 'connected') return null;
  const reason = statusReason(session);
  if (status === 'error') {
    return { tone: 'error', title: errorTitle(session), reason, retry: 'Muxdeck will not retry on its own.' };
  }
  const title = session.ending?.kind === 'exited' ? 'Session ended' : 'Disconnected';
  return { tone: 'disconnected', title, reason, retry: retryText(session, now) };
}

/** A host never reached "Could not connect"; an ending nobody could explain says so. */
function errorTitle(session: SessionInfo): string {
  if (session.ending?.kind === 'connect-failed') return 'Could not connect';
  if (session.ending?.kind === 'unknown') return 'Ended for an unknown reason';
  return 'Connection failed';
}

function retryText(session: SessionInfo, now: number): string {
  const reconnect = session.reconnect;
  if (!reconnect || reconnect.maxAttempts === 0) return 'Muxdeck is not retrying.';
  const attempt = `attempt ${reconnect.attempt} of ${reconnect.maxAttempts}`;
  const seconds = secondsUntilRetry(session, now);
  if (seconds === undefined || seconds === 0) return `Reconnecting… (${attempt})`;
  return `Retrying in ${seconds} s (${attempt}).`;
}
