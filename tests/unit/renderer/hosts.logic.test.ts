import { describe, expect, it } from 'vitest';
import { sourcesSummary } from '../../../src-renderer/src/stores/hosts.logic';
import { source } from './fixtures';

describe('hosts', () => {
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
