import type { ConnectionStatus, SessionInfo } from '../../../src-preload/api';

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
 * The tab's accessible description and tooltip: "connected", "connecting",
 * "disconnected: Connection refused — retrying 2/3", "error: Permission denied (publickey)".
 */
export function describeStatus(session: SessionInfo): string {
  const status = effectiveStatus(session);
  const detail = statusDetail(session);
  return detail === undefined ? status : `${status}: ${detail}`;
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

/** The status line's words for the focused session: "connected 2h", "disconnected 5m: … — retrying 2/3". */
export function statusLineText(session: SessionInfo, now: number): string {
  const status = effectiveStatus(session);
  const start = statusStart(session);
  const age = start === undefined ? '' : ` ${formatDuration(now - start)}`;
  if (status === 'connecting') return 'connecting…';
  if (status === 'connected') return `connected${age}`;
  const detail = statusDetail(session);
  return detail === undefined ? `${status}${age}` : `${status}${age}: ${detail}`;
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
    return { tone: 'error', title: 'Connection failed', reason, retry: 'Muxdeck will not retry on its own.' };
  }
  return { tone: 'disconnected', title: 'Disconnected', reason, retry: retryText(session, now) };
}

function retryText(session: SessionInfo, now: number): string {
  const reconnect = session.reconnect;
  if (!reconnect || reconnect.maxAttempts === 0) return 'Muxdeck is not retrying.';
  const attempt = `attempt ${reconnect.attempt} of ${reconnect.maxAttempts}`;
  const seconds = secondsUntilRetry(session, now);
  if (seconds === undefined || seconds === 0) return `Reconnecting… (${attempt})`;
  return `Retrying in ${seconds} s (${attempt}).`;
}
