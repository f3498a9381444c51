import type { SessionInfo } from '../../../src-preload/api';

/** Oldest first, so restored tabs come back in the order they were opened. */
export function sortSessions(sessions: readonly SessionInfo[]): SessionInfo[] {
  return [...sessions].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function upsertSession(sessions: readonly SessionInfo[], session: SessionInfo): SessionInfo[] {
  const others = sessions.filter((existing) => existing.id !== session.id);
  return sortSessions([...others, session]);
}

export function removeSession(sessions: readonly SessionInfo[], sessionId: string): SessionInfo[] {
  return sessions.filter((session) => session.id !== sessionId);
}

export function findSession(
  sessions: readonly SessionInfo[],
  sessionId: string | null,
): SessionInfo | undefined {
  return sessionId === null ? undefined : sessions.find((session) => session.id === sessionId);
}
