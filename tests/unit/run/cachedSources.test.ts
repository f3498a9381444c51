import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedSources } from '../../../src-main/cli/cachedSources';
import { nodeFileStore } from '../../../src-main/platform/nodeFileStore';
import { fileSyncCache } from '../../../src-main/sources/syncCache';
import { emptyStore } from '../../../src-main/store/storeSchema';

describe('muxdeck run sees configured sources from their last-good cache', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lists enabled sources with their cached hosts, and refuses a flagged host', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mx-cached-'));
    const cache = fileSyncCache(join(dir, 'sources'), nodeFileStore);
    await cache.write('inv1', {
      format: 'muxdeck-source-cache',
      version: 1,
      sourceId: 'ansible:inv1',
      syncedAt: 1,
      warnings: [],
      hosts: [
        {
          id: 'ansible:inv1:web1',
          label: 'web1',
          address: '10.0.0.1',
          sourceId: 'ansible:inv1',
          groups: ['web'],
        },
        { id: 'ansible:inv1:bad', label: 'bad', sourceId: 'ansible:inv1', groups: [], problem: 'vaulted' },
      ],
    });
    const data = emptyStore();
    data.sources = [
      { id: 'inv1', kind: 'ansible', label: 'Lab', enabled: true, options: {} },
      { id: 'nb', kind: 'netbox', label: 'Off', enabled: false, options: {} },
    ];
    const sources = await cachedSources(data, dir);
    expect(sources.map((s) => [s.id, s.label])).toEqual([['ansible:inv1', 'Lab']]);
    const { hosts } = await (sources[0] ?? { load: async () => ({ hosts: [] }) }).load();
    expect(hosts.map((h) => h.label)).toEqual(['web1', 'bad']);
    expect(sources[0]?.sshDestination(hosts[0]!)).toBe('10.0.0.1');
    expect(() => sources[0]?.sshDestination(hosts[1]!)).toThrow(/vaulted/);
  });
});
