import { describe, expect, it } from 'vitest';
import { buildTreeModel } from '../../../../src-renderer/src/stores/tree/treeModel.logic';
import { searchEntries, buildSearchIndex } from '../../../../src-renderer/src/stores/tree/search.logic';
import {
  hostIdsBetween,
  rowIndexOf,
  rovingFocus,
  visibleRows,
} from '../../../../src-renderer/src/stores/tree/treeRows.logic';
import { sampleData } from './treeFixtures';

const model = buildTreeModel(sampleData());
const index = buildSearchIndex(model.entries);
const ids = (order: Int32Array) => [...order].map((i) => model.nodes[i]?.id);

describe('visible rows', () => {
  it('skips closed branches and honours explicit choices', () => {
    const rows = visibleRows(model, null, { 'section:favourites': false, 'source:ssh-config': false });
    expect(ids(rows.order)).toEqual([
      'section:favourites',
      'section:recent',
      'recent:netbox:lb-01',
      'section:folders',
      'folder:f-prod',
      'source:ssh-config',
      'source:netbox',
      'group:["netbox","fra1"]',
    ]);
    expect(rows.matchCounts).toBeNull();
  });

  it('while searching, opens every branch with matches, hides the rest, and counts matches per branch', () => {
    const match = searchEntries(index, 'database');
    const rows = visibleRows(model, match, {});
    expect(ids(rows.order)).toEqual([
      'section:folders',
      'folder:f-prod',
      'placed:netbox:db-01',
      'source:netbox',
      'group:["netbox","fra1"]',
      'group:["netbox","fra1","db"]',
      'host:netbox:db-01',
    ]);
    expect(rows.matchCounts?.[model.nodeIndexById.get('source:netbox') ?? -1]).toBe(1);
  });

  it('finds rows, the hosts between two rows, and a sensible tab stop', () => {
    const rows = visibleRows(model, null, {});
    expect(rowIndexOf(model, rows, 'section:recent')).toBe(2);
    expect(rowIndexOf(model, rows, 'folder:f-acme')).toBe(-1);
    expect(hostIdsBetween(model, rows, 7, 0)).toEqual(['ssh-config:web-2', 'netbox:lb-01']);
    expect(rovingFocus(model, rows, 'folder:f-acme', null)).toBe('section:favourites');
    expect(rovingFocus(model, rows, 'section:recent', null)).toBe('section:recent');
  });
});
