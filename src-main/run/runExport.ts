import {
  isRunFailure,
  type RunHostOutput,
  type RunHostSummary,
  type RunSummary,
} from '../../src-preload/api';

export interface ExportedHost extends RunHostSummary {
  output: RunHostOutput;
}

export const RUN_CSV_COLUMNS = [
  'host',
  'host_id',
  'status',
  'exit_code',
  'signal',
  'duration_ms',
  'first_line',
  'error',
  'stdout',
  'stderr',
  'truncated',
] as const;

/**
 * One field of RFC 4180 CSV. Text from hosts is hostile: a cell starting with = + - @ (or a tab/CR)
 * would run as a formula in a spreadsheet, so such text cells get a leading apostrophe.
 */
export function csvField(
  value: string | number | boolean | undefined,
  kind: 'text' | 'plain' = 'plain',
): string {
  if (value === undefined) return '';
  let text = String(value);
  if (kind === 'text' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function runToCsv(hosts: readonly ExportedHost[]): string {
  const rows = hosts.map((host) =>
    [
      csvField(host.label, 'text'),
      csvField(host.hostId, 'text'),
      csvField(host.status),
      csvField(host.exitCode),
      csvField(host.signal),
      csvField(host.durationMs),
      csvField(host.firstLine, 'text'),
      csvField(host.error, 'text'),
      csvField(host.output.stdout, 'text'),
      csvField(host.output.stderr, 'text'),
      csvField(host.truncated),
    ].join(','),
  );
  return `${[RUN_CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

export interface RunJsonDocument {
  format: 'muxdeck-run';
  version: 1;
  runId: string;
  command: string;
  startedAt: string;
  finishedAt: string | null;
  timeoutSeconds: number;
  parallel: number;
  cancelled: boolean;
  hosts: Array<{
    host: string;
    hostId: string;
    status: RunHostSummary['status'];
    exitCode: number | null;
    signal: string | null;
    durationMs: number | null;
    error: string | null;
    stdout: string;
    stderr: string;
    stdoutTruncated: boolean;
    stderrTruncated: boolean;
  }>;
}

export function runToJson(summary: RunSummary, hosts: readonly ExportedHost[]): RunJsonDocument {
  return {
    format: 'muxdeck-run',
    version: 1,
    runId: summary.runId,
    command: summary.command,
    startedAt: new Date(summary.startedAt).toISOString(),
    finishedAt: summary.finishedAt === undefined ? null : new Date(summary.finishedAt).toISOString(),
    timeoutSeconds: summary.timeoutSeconds,
    parallel: summary.parallel,
    cancelled: summary.cancelled,
    hosts: hosts.map((host) => ({
      host: host.label,
      hostId: host.hostId,
      status: host.status,
      exitCode: host.exitCode ?? null,
      signal: host.signal ?? null,
      durationMs: host.durationMs ?? null,
      error: host.error ?? null,
      stdout: host.output.stdout,
      stderr: host.output.stderr,
      stdoutTruncated: host.output.stdoutTruncated,
      stderrTruncated: host.output.stderrTruncated,
    })),
  };
}

export function selectExported<T extends RunHostSummary>(hosts: readonly T[], failedOnly: boolean): T[] {
  return failedOnly ? hosts.filter((host) => isRunFailure(host.status)) : [...hosts];
}

export function exportFileName(summary: RunSummary, format: 'csv' | 'json'): string {
  const stamp = new Date(summary.startedAt).toISOString().replace(/[:]/g, '-').slice(0, 19);
  return `muxdeck-run-${stamp}.${format}`;
}
