import { FIELD_SEPARATOR, decodeOptionValue } from './tmuxArgv';

export interface TmuxSessionRecord {
  name: string;
  createdAt: number;
  attachedClients: number;
  paneDead: boolean;
  paneDeadStatus?: number;
  hostId?: string;
  label?: string;
}

/** Parses `list-sessions -F LIST_SESSIONS_FORMAT`. Lines that do not fit are skipped, not fatal. */
export function parseSessionList(stdout: string): TmuxSessionRecord[] {
  const records: TmuxSessionRecord[] = [];
  for (const line of stdout.split('\n')) {
    if (!line) continue;
    const [name, created, attached, dead, deadStatus, hostId, label] = line.split(FIELD_SEPARATOR);
    if (!name || created === undefined) continue;
    const status = Number.parseInt(deadStatus ?? '', 10);
    records.push({
      name,
      createdAt: Number.parseInt(created, 10) * 1000,
      attachedClients: Number.parseInt(attached ?? '0', 10) || 0,
      paneDead: dead === '1',
      ...(Number.isFinite(status) ? { paneDeadStatus: status } : {}),
      ...(hostId ? { hostId: decodeOptionValue(hostId) } : {}),
      ...(label ? { label: decodeOptionValue(label) } : {}),
    });
  }
  return records;
}
