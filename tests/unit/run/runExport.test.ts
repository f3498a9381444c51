import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src-preload/api';
import {
  csvField,
  runToCsv,
  runToJson,
  selectExported,
  type ExportedHost,
} from '../../../src-main/run/runExport';
import { firstLine } from '../../../src-main/run/outputCapture';

const host = (over: Partial<ExportedHost>): ExportedHost => ({
  hostId: 'ssh-config:web1',
  label: 'web1',
  status: 'ok',
  exitCode: 0,
  durationMs: 120,
  firstLine: '',
  stdoutBytes: 0,
  stderrBytes: 0,
  truncated: false,
  output: { stdout: '', stderr: '', stdoutTruncated: false, stderrTruncated: false },
  ...over,
});

/** A small RFC 4180 reader, to prove what a spreadsheet would read back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('run export', () => {
  it('CSV survives commas, quotes and newlines in output, and defuses formulas', () => {
    const csv = runToCsv([
      host({
        label: 'web,1',
        firstLine: 'say "hi"',
        output: {
          stdout: 'line 1\nline "2", done\r\n',
          stderr: '=HYPERLINK("http://x")',
          stdoutTruncated: false,
          stderrTruncated: false,
        },
      }),
      host({ label: '@evil', status: 'failed', exitCode: -1, error: '+cmd' }),
    ]);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(3);
    expect(rows[0]?.[0]).toBe('host');
    expect(rows[1]?.[0]).toBe('web,1');
    expect(rows[1]?.[6]).toBe('say "hi"');
    expect(rows[1]?.[8]).toBe('line 1\nline "2", done\r\n');
    expect(rows[1]?.[9]).toBe(`'=HYPERLINK("http://x")`);
    expect(rows[2]?.[0]).toBe(`'@evil`);
    expect(rows[2]?.[3]).toBe('-1');
    expect(rows[2]?.[7]).toBe(`'+cmd`);
    expect(csvField(undefined)).toBe('');
  });

  it('JSON keeps output exactly and round-trips; failed-only keeps every failure kind', () => {
    const summary: RunSummary = {
      runId: 'run-1',
      command: 'echo "</script>\\u0000"',
      timeoutSeconds: 5,
      parallel: 2,
      startedAt: 0,
      finishedAt: 1000,
      done: true,
      cancelled: false,
      hosts: [],
    };
    const hosts = [
      host({
        output: {
          stdout: 'tab\there\n\u001b[31mred\u001b[0m',
          stderr: '',
          stdoutTruncated: true,
          stderrTruncated: false,
        },
      }),
      host({ hostId: 'b', status: 'timeout' }),
      host({ hostId: 'c', status: 'unreachable' }),
      host({ hostId: 'd', status: 'cancelled' }),
      host({ hostId: 'e', status: 'failed' }),
    ];
    const doc = JSON.parse(JSON.stringify(runToJson(summary, hosts))) as ReturnType<typeof runToJson>;
    expect(doc.command).toBe(summary.command);
    expect(doc.hosts[0]?.stdout).toBe('tab\there\n\u001b[31mred\u001b[0m');
    expect(doc.hosts[0]?.stdoutTruncated).toBe(true);
    expect(doc.finishedAt).toBe('1970-01-01T00:00:01.000Z');
    expect(selectExported(hosts, true).map((h) => h.hostId)).toEqual(['b', 'c', 'd', 'e']);
  });

  it('first line skips blank lines, strips colour and control characters, and is cut', () => {
    expect(firstLine('\n  \n\u001b[32mactive\u001b[0m (running)\nmore')).toBe('active (running)');
    expect(firstLine('', 'only stderr\n')).toBe('only stderr');
    expect(firstLine('x'.repeat(500))).toHaveLength(200);
  });
});
