import { FIELD_SEPARATOR, SESSION_OPTIONS, decodeOptionValue, type SessionOptionKey } from './tmuxArgv';

export interface TmuxSessionRecord {
  name: string;
  createdAt: number;
  attachedClients: number;
  paneDead: boolean;
  paneDeadStatus?: number;
  /** When the pane died (ms); tells one death from the next after a respawn. */
  paneDeadAt?: number;
  /** Set when the pane's process was killed by a signal rather than exiting. */
  paneDeadSignal?: number;
  /** The pane's process; a respawned pane has a new one, so (pid) tells one death from the next. */
  panePid?: number;
  /** Muxdeck's metadata (`@muxdeck_*` user options), decoded; absent when unset. */
  options: Partial<Record<SessionOptionKey, string>>;
}

const OPTION_KEYS = Object.keys(SESSION_OPTIONS) as SessionOptionKey[];

/** Parses `list-sessions -F LIST_SESSIONS_FORMAT`. Lines that do not fit are skipped, not fatal. */
export function parseSessionList(stdout: string): TmuxSessionRecord[] {
  const records: TmuxSessionRecord[] = [];
  for (const line of stdout.split('\n')) {
    if (!line) continue;
    const [name, created, attached, dead, deadStatus, deadTime, deadSignal, pid, ...optionValues] =
      line.split(FIELD_SEPARATOR);
    if (!name || created === undefined) continue;
    const status = Number.parseInt(deadStatus ?? '', 10);
    const deadAt = Number.parseInt(deadTime ?? '', 10);
    const panePid = Number.parseInt(pid ?? '', 10);
    const signal = Number.parseInt(deadSignal ?? '', 10);
    const options: Partial<Record<SessionOptionKey, string>> = {};
    OPTION_KEYS.forEach((key, index) => {
      const raw = optionValues[index];
      if (raw) options[key] = decodeOptionValue(raw);
    });
    records.push({
      name,
      createdAt: Number.parseInt(created, 10) * 1000,
      attachedClients: Number.parseInt(attached ?? '0', 10) || 0,
      paneDead: dead === '1',
      ...(Number.isFinite(status) ? { paneDeadStatus: status } : {}),
      ...(Number.isFinite(deadAt) && deadAt > 0 ? { paneDeadAt: deadAt * 1000 } : {}),
      ...(Number.isFinite(panePid) && panePid > 0 ? { panePid } : {}),
      ...(Number.isFinite(signal) && signal > 0 ? { paneDeadSignal: signal } : {}),
      options,
    });
  }
  return records;
}
