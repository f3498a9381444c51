import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { searchHosts, type AgentHostView } from '../../../src-main/agents/agentHosts';
import { AuditLog } from '../../../src-main/agents/auditLog';

const host = (label: string, extra: Partial<AgentHostView> = {}): AgentHostView => ({
  id: `manual:${label}`,
  label,
  address: `${label}.example.net`,
  user: 'ops',
  port: 22,
  source: 'My hosts',
  path: 'prod/eu',
  ...extra,
});

describe('list_hosts search', () => {
  const hosts = [host('web1'), host('web2', { path: 'lab' }), host('db1'), host('weblogic')];
  const tags = new Map([['manual:db1', ['postgres']]]);

  it('every word must appear somewhere; exact and prefix label matches rank first', () => {
    expect(searchHosts(hosts, tags, 'web', 10).map((h) => h.label)).toEqual(['web1', 'web2', 'weblogic']);
    expect(searchHosts(hosts, tags, 'web lab', 10).map((h) => h.label)).toEqual(['web2']);
    expect(searchHosts(hosts, tags, 'postgres', 10).map((h) => h.label)).toEqual(['db1']);
    expect(searchHosts(hosts, tags, 'DB1', 10).map((h) => h.label)).toEqual(['db1']);
    expect(searchHosts(hosts, tags, 'nothing', 10)).toEqual([]);
  });

  it('limits the answer, with or without a query', () => {
    expect(searchHosts(hosts, tags, undefined, 2)).toHaveLength(2);
    expect(searchHosts(hosts, tags, 'example', 3)).toHaveLength(3);
  });
});

describe('audit log', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('appends one JSON line per call to the UTC day file, private to the user, in call order', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mx-audit-'));
    const logDir = join(dir, 'logs', 'agents');
    let now = Date.UTC(2026, 11, 8, 23, 59, 59, 500);
    const audit = new AuditLog({
      dir: logDir,
      clock: { now: () => now, setTimeout: () => ({ cancel() {} }) },
    });
    void audit.record({
      client: 'c',
      tool: 'exec',
      decision: 'allowed by policy',
      exit_code: 0,
      duration_ms: 3,
    });
    await audit.record({ client: 'c', tool: 'snapshot', decision: 'read-only', duration_ms: 1 });
    now += 1000;
    await audit.record({ client: 'c', tool: 'list_hosts', decision: 'read-only', duration_ms: 1 });
    const first = (await readFile(join(logDir, '2026-12-08.jsonl'), 'utf8')).trim().split('\n');
    expect(first.map((line) => (JSON.parse(line) as { tool: string }).tool)).toEqual(['exec', 'snapshot']);
    expect(JSON.parse(first[0] ?? '{}')).toEqual({
      time: '2026-12-08T23:59:59.500Z',
      client: 'c',
      tool: 'exec',
      decision: 'allowed by policy',
      exit_code: 0,
      duration_ms: 3,
    });
    expect(await readFile(join(logDir, '2026-12-09.jsonl'), 'utf8')).toContain('list_hosts');
    expect((await stat(join(logDir, '2026-12-08.jsonl'))).mode & 0o777).toBe(0o600);
    expect((await stat(logDir)).mode & 0o777).toBe(0o700);
  });
});
