import type { RunHostSummary, RunSummary } from '../../src-preload/api';

const OUTPUT_WIDTH = 60;

/** The human form of a run's results: one row per host, then one line of totals. */
export function runTable(summary: RunSummary): string {
  const rows = summary.hosts.map((host) => [
    host.label,
    host.status,
    host.exitCode === undefined ? '-' : String(host.exitCode),
    host.durationMs === undefined ? '-' : formatDuration(host.durationMs),
    cut(outputColumn(host), OUTPUT_WIDTH),
  ]);
  const header = ['HOST', 'STATUS', 'EXIT', 'TIME', 'OUTPUT'];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line), '', totals(summary)].join('\n');
}

export function totals(summary: RunSummary): string {
  const counts = new Map<string, number>();
  for (const host of summary.hosts) counts.set(host.status, (counts.get(host.status) ?? 0) + 1);
  const parts = [...counts].map(([status, n]) => `${n} ${status}`);
  const n = summary.hosts.length;
  const elapsed =
    summary.finishedAt === undefined ? '' : ` in ${formatDuration(summary.finishedAt - summary.startedAt)}`;
  return `${n} ${n === 1 ? 'host' : 'hosts'}: ${parts.join(', ')}${elapsed}`;
}

function outputColumn(host: RunHostSummary): string {
  if (host.status === 'ok' || host.status === 'failed') return host.firstLine || host.error || '';
  return host.error ?? host.firstLine;
}

function cut(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
