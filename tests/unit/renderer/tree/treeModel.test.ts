import { describe, expect, it } from 'vitest';
import { buildEntries } from '../../../../src-renderer/src/stores/tree/treeEntries.logic';
import { buildTreeModel } from '../../../../src-renderer/src/stores/tree/treeModel.logic';
import { visibleRows } from '../../../../src-renderer/src/stores/tree/treeRows.logic';
import { sampleData } from './treeFixtures';

function outline(data = sampleData(), expansion: Record<string, boolean> = {}) {
  const model = buildTreeModel(data);
  const rows = visibleRows(model, null, expansion);
  return [...rows.order].map((i) => {
    const node = model.nodes[i];
    return `${'  '.repeat((node?.depth ?? 1) - 1)}${node?.kind === 'host' ? '' : '['}${node?.label}${node?.kind === 'host' ? '' : ']'}`;
  });
}

describe('tree model', () => {
  it('shows Favourites, Recent, My folders, then each source with its groups; folders start closed', () => {
    expect(outline()).toEqual([
      '[Favourites]',
      '  web-2',
      '[Recent]',
      '  lb-01',
      '[My folders]',
      '  [prod]',
      '[ssh config]',
      '  web-2',
      '  web-10',
      '[NetBox prod]',
      '  [fra1]',
    ]);
  });

  it('orders folders first, placed hosts by their order, with renames and a vanished host kept in place', () => {
    expect(
      outline(sampleData(), {
        'folder:f-prod': true,
        'folder:f-acme': true,
        'group:["netbox","fra1"]': true,
      }),
    ).toEqual([
      '[Favourites]',
      '  web-2',
      '[Recent]',
      '  lb-01',
      '[My folders]',
      '  [prod]',
      '    [acme]',
      '      old-web',
      '    Database',
      '    bastion',
      '[ssh config]',
      '  web-2',
      '  web-10',
      '[NetBox prod]',
      '  [fra1]',
      '    [db]',
      '    [lb]',
    ]);
  });

  it('marks the vanished host as missing from its source, and no source branch lists it', () => {
    const { entries } = buildEntries(sampleData());
    const gone = entries.find((entry) => entry.hostId === 'netbox:gone');
    expect(gone).toMatchObject({
      missing: true,
      label: 'old-web',
      sourceLabel: 'NetBox prod',
      notes: 'retired',
    });
    const model = buildTreeModel(sampleData());
    expect(
      model.nodes.filter((node) => node.area === 'source' && node.entry >= 0).map((n) => n.label),
    ).not.toContain('old-web');
  });

  it('applies the overlay: renames, tags, effective user and port, and the source label stays reachable', () => {
    const { entries } = buildEntries(sampleData());
    expect(entries.find((e) => e.hostId === 'netbox:db-01')).toMatchObject({
      label: 'Database',
      originalLabel: 'db-01',
      tags: ['pg'],
      destination: '10.0.0.5',
    });
    expect(entries.find((e) => e.hostId === 'ssh-config:web-2')?.destination).toBe(
      'deploy@web-2.example.com:2222',
    );
  });

  it('counts hosts below every branch and gives each row its position among siblings', () => {
    const model = buildTreeModel(sampleData());
    const node = (id: string) => model.nodes[model.nodeIndexById.get(id) ?? -1];
    expect(node('section:folders')?.hostCount).toBe(3);
    expect(node('source:netbox')?.hostCount).toBe(2);
    expect(node('folder:f-prod')).toMatchObject({ posInSet: 1, setSize: 1, depth: 2 });
    expect(node('placed:manual:bastion')).toMatchObject({
      posInSet: 3,
      setSize: 3,
      folderId: 'f-prod',
      area: 'folders',
    });
    expect(node('fav:ssh-config:web-2')?.area).toBe('favourites');
  });
});
