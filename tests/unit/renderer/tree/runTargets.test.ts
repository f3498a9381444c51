import { describe, expect, it } from 'vitest';
import { hostsUnder } from '../../../../src-renderer/src/stores/run/runTargets.logic';
import { buildTreeModel } from '../../../../src-renderer/src/stores/tree/treeModel.logic';
import { sampleData } from './treeFixtures';

describe('run on a branch of the tree', () => {
  const model = buildTreeModel(sampleData());

  it('takes every host below a folder, subfolders included, collapsed or not', () => {
    expect(hostsUnder(model, 'folder:f-prod').sort()).toEqual([
      'manual:bastion',
      'netbox:db-01',
      'netbox:gone',
    ]);
    expect(hostsUnder(model, 'folder:f-acme')).toEqual(['netbox:gone']);
  });

  it('takes a source group, and nothing for an unknown node', () => {
    const group = model.nodes.find((node) => node.kind === 'group' && node.label === 'db');
    expect(group && hostsUnder(model, group.id)).toEqual(['netbox:db-01']);
    expect(hostsUnder(model, 'folder:nope')).toEqual([]);
  });
});
