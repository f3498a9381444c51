import { describe, expect, it } from 'vitest';
import { buildHostTree, hostNodeId, visibleRows } from '../../../src-renderer/src/stores/tree.logic';
import { treeKeyAction } from '../../../src-renderer/src/stores/treeKeys.logic';
import { host, source } from './fixtures';

const tree = buildHostTree(
  [source('ssh-config', { label: 'ssh config' }), source('ansible', { label: 'Ansible' })],
  [host('a'), host('b'), host('c', { id: 'ansible:c', sourceId: 'ansible', groups: ['web'] })],
  '',
);
// [ssh config], a, b, [Ansible], [web] (closed)
const rows = visibleRows(tree, { query: '', expansion: {} });
const ids = rows.map((row) => row.id);
const [sshConfig, a, b, ansible, web] = ids as [string, string, string, string, string];

describe('tree keyboard', () => {
  it('walks visible items with Up/Down and jumps with Home/End', () => {
    expect(treeKeyAction(rows, a, 'ArrowDown')).toEqual({ type: 'focus', id: b });
    expect(treeKeyAction(rows, a, 'ArrowUp')).toEqual({ type: 'focus', id: sshConfig });
    expect(treeKeyAction(rows, sshConfig, 'ArrowUp')).toBeNull();
    expect(treeKeyAction(rows, web, 'ArrowDown')).toBeNull();
    expect(treeKeyAction(rows, b, 'Home')).toEqual({ type: 'focus', id: sshConfig });
    expect(treeKeyAction(rows, b, 'End')).toEqual({ type: 'focus', id: web });
  });

  it('Right expands a closed folder, then steps into an open one', () => {
    expect(treeKeyAction(rows, web, 'ArrowRight')).toEqual({ type: 'expand', id: web });
    expect(treeKeyAction(rows, sshConfig, 'ArrowRight')).toEqual({ type: 'focus', id: a });
    expect(treeKeyAction(rows, a, 'ArrowRight')).toBeNull();
  });

  it('Left collapses an open folder, else goes to the parent', () => {
    expect(treeKeyAction(rows, ansible, 'ArrowLeft')).toEqual({ type: 'collapse', id: ansible });
    expect(treeKeyAction(rows, b, 'ArrowLeft')).toEqual({ type: 'focus', id: sshConfig });
    expect(treeKeyAction(rows, web, 'ArrowLeft')).toEqual({ type: 'focus', id: ansible });
  });

  it('Enter opens a host and toggles a folder', () => {
    expect(treeKeyAction(rows, b, 'Enter')).toEqual({ type: 'open', hostId: 'ssh-config:b' });
    expect(treeKeyAction(rows, web, 'Enter')).toEqual({ type: 'expand', id: web });
    expect(treeKeyAction(rows, ansible, 'Enter')).toEqual({ type: 'collapse', id: ansible });
  });

  it('/ asks for the search box; other keys do nothing', () => {
    expect(treeKeyAction(rows, a, '/')).toEqual({ type: 'focusSearch' });
    expect(treeKeyAction(rows, a, 'x')).toBeNull();
  });

  it('with nothing focused yet, arrows start at the first item', () => {
    expect(treeKeyAction(rows, null, 'ArrowDown')).toEqual({ type: 'focus', id: sshConfig });
    expect(treeKeyAction(rows, hostNodeId('gone'), 'Enter')).toBeNull();
  });
});
