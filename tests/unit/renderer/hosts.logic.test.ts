import { describe, expect, it } from 'vitest';
import { hostDestination, hostMatches, sourcesSummary } from '../../../src-renderer/src/stores/hosts.logic';
import { host, source } from './fixtures';

describe('hosts', () => {
  it('formats user@address:port, leaving out unknown parts', () => {
    expect(hostDestination(host('web', { address: '10.0.0.1', user: 'root', port: 2222 }))).toBe(
      'root@10.0.0.1:2222',
    );
    expect(hostDestination(host('web', { address: 'web.example' }))).toBe('web.example');
    expect(hostDestination(host('web'))).toBe('');
  });

  it('matches label or address case-insensitively', () => {
    const web = host('Web-01', { address: 'fra1.example.net' });
    expect(hostMatches(web, 'web')).toBe(true);
    expect(hostMatches(web, 'fra1')).toBe(true);
    expect(hostMatches(web, 'db')).toBe(false);
    expect(hostMatches(web, '')).toBe(true);
  });

  it('summarises sources, counting failures', () => {
    expect(sourcesSummary([source('a'), source('b')])).toBe('2 sources ok');
    expect(sourcesSummary([source('a', { error: 'boom' }), source('b')])).toBe('1 of 2 sources failed');
    expect(sourcesSummary([source('a'), source('manual', { kind: 'manual' })])).toBe('1 source ok');
    const at = (iso: string) => ({ lastSyncAt: Date.parse(iso) });
    const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);
    expect(
      sourcesSummary(
        [source('a', at('2026-11-23T09:41:00Z')), source('b', at('2026-11-23T08:00:00Z'))],
        hhmm,
      ),
    ).toBe('2 sources ok · a synced 09:41');
  });
});
