import type { SessionInfo } from '../../src-preload/api';

/**
 * Recent lists hosts the user got onto, not hosts they tried: a session opened here is recorded once,
 * when it first reaches "connected". One that never connects (refused, wrong password) is never
 * recorded; sessions restored after a restart were not opened here, so they are not recorded again.
 */
export class FirstConnectionWatch {
  /** Session id → host id, for sessions opened here that have not connected yet. */
  private readonly waiting = new Map<string, string>();

  constructor(private readonly record: (hostId: string) => void) {}

  /** sessions:open answered: record now if already connected (a shared connection), else wait. */
  opened(session: SessionInfo): void {
    if (isConnected(session)) this.record(session.hostId);
    else this.waiting.set(session.id, session.hostId);
  }

  /** Every listing of the sessions (sessions:changed): record those that connected, forget closed ones. */
  observe(sessions: readonly SessionInfo[]): void {
    if (this.waiting.size === 0) return;
    const present = new Set<string>();
    for (const session of sessions) {
      present.add(session.id);
      const hostId = this.waiting.get(session.id);
      if (hostId === undefined || !isConnected(session)) continue;
      this.waiting.delete(session.id);
      this.record(hostId);
    }
    for (const id of [...this.waiting.keys()]) if (!present.has(id)) this.waiting.delete(id);
  }
}

function isConnected(session: SessionInfo): boolean {
  return session.status === 'connected';
}
