import { describe, expect, it } from 'vitest';
import { buildTreeModel } from '../../../../src-renderer/src/stores/tree/treeModel.logic';
import { host, SOURCES, treeData } from './treeFixtures';

describe('synced sources in the tree', () => {
  it('shows a host in several groups once in each group, every row with its own id', () => {
    const data = treeData([
      host('netbox', 'web-01', {
        groups: ['webservers'],
        otherGroups: [['prod', 'frontend'], ['monitored']],
      }),
      host('netbox', 'db-01', { groups: ['prod'] }),
    ]);
    const model = buildTreeModel(data);
    const rows = model.nodes.filter((n) => n.kind === 'host' && n.label === 'web-01');
    const parents = rows.map((row) => model.nodes[row.parent]?.label);
    expect(parents.sort()).toEqual(['frontend', 'monitored', 'webservers']);
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
    expect(new Set(rows.map((r) => r.entry)).size).toBe(1);
    expect(model.nodeIndexById.size).toBe(model.nodes.length);
  });

  it('marks a stale source with its error while keeping its hosts', () => {
    const sources = SOURCES.map((s) =>
      s.id === 'netbox' ? { ...s, stale: true, error: 'NetBox answered 502', lastSyncAt: 1 } : s,
    );
    const data = { ...treeData([host('netbox', 'db-01')]), sources };
    const model = buildTreeModel(data);
    const branch = model.nodes.find((n) => n.kind === 'source' && n.label === 'NetBox prod');
    expect(branch?.error).toBe('Stale, showing the last good hosts: NetBox answered 502');
    expect(branch?.hostCount).toBe(1);
  });
});
