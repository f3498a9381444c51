import type { PersistenceMode } from '../../src-preload/api';

/**
 * Where a session's ssh runs: in Muxdeck's tmux server, or under node-pty in Muxdeck itself.
 * Without a local tmux (Windows, or none installed) every mode runs directly: `local` degrades to
 * `direct` (the session ends with the app) and `remote` still survives in the tmux on the host.
 */
export function sessionRunner(persistence: PersistenceMode, tmuxAvailable: boolean): 'tmux' | 'direct' {
  if (persistence === 'direct' || !tmuxAvailable) return 'direct';
  return 'tmux';
}
