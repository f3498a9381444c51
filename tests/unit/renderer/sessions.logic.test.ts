import { describe, expect, it } from 'vitest';
import { removeSession, sortSessions, upsertSession } from '../../../src-renderer/src/stores/sessions.logic';
import { session } from './fixtures';

describe('sessions', () => {
  it('sorts oldest first, breaking ties by id', () => {
    const sorted = sortSessions([
      session('b', { createdAt: 2 }),
      session('c', { createdAt: 1 }),
      session('a', { createdAt: 2 }),
    ]);
    expect(sorted.map((s) => s.id)).toEqual(['c', 'a', 'b']);
  });

  it('upsert replaces a session with the same id instead of duplicating it', () => {
    const sessions = [session('a'), session('b')];
    const next = upsertSession(sessions, session('a', { state: 'exited', exitStatus: 255 }));
    expect(next).toHaveLength(2);
    expect(next.find((s) => s.id === 'a')?.state).toBe('exited');
  });

  it('removes by id', () => {
    expect(removeSession([session('a'), session('b')], 'a').map((s) => s.id)).toEqual(['b']);
  });
});
