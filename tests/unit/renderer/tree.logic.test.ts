import { describe, expect, it } from 'vitest';
import {
  buildHostTree,
  hostNodeId,
  initialTreeUiState,
  rovingFocusId,
  visibleRows,
  type BranchNode,
} from '../../../src-renderer/src/stores/tree.logic';
import { host, source } from './fixtures';

const sources = [
  source('ssh-config', { label: 'ssh config' }),
  source('ansible', { kind: 'ansible', label: 'Ansible' }),
];
const hosts = [
  host('web-02'),
  host('web-01', { address: 'fra1.example' }),
  host('db', { id: 'ansible:db', sourceId: 'ansible', groups: ['prod', 'databases'] }),
];

function labels(rows: ReturnType<typeof visibleRows>): string[] {
  return rows.map((row) => (row.node.kind === 'host' ? row.node.host.label : `[${row.node.label}]`));
}

describe('host tree', () => {
  it('puts hosts under their source and group path, sorted, with counts', () => {
    const tree = buildHostTree(sources, hosts, '');
    expect(tree.map((root) => [root.label, root.hostCount])).toEqual([
      ['ssh config', 2],
      ['Ansible', 1],
    ]);
    const prod = tree[1]?.children[0] as BranchNode;
    expect(prod.label).toBe('prod');
    expect((prod.children[0] as BranchNode).label).toBe('databases');
  });

  it('opens sources and keeps folders closed by default', () => {
    const rows = visibleRows(buildHostTree(sources, hosts, ''), initialTreeUiState);
    expect(labels(rows)).toEqual(['[ssh config]', 'web-01', 'web-02', '[Ansible]', '[prod]']);
    expect(rows[4]?.depth).toBe(2);
  });

  it('honours explicit expansion choices', () => {
    const tree = buildHostTree(sources, hosts, '');
    const prodId = (tree[1]?.children[0] as BranchNode).id;
    const rows = visibleRows(tree, { query: '', expansion: { 'source:ssh-config': false, [prodId]: true } });
    expect(labels(rows)).toEqual(['[ssh config]', '[Ansible]', '[prod]', '[databases]']);
  });

  it('filters in place: only matches and their branches remain, all open', () => {
    const tree = buildHostTree(sources, hosts, ' DB ');
    expect(tree.map((root) => root.label)).toEqual(['Ansible']);
    const rows = visibleRows(tree, { query: 'db', expansion: {} });
    expect(labels(rows)).toEqual(['[Ansible]', '[prod]', '[databases]', 'db']);
  });

  it('keeps an empty failing source visible without a query', () => {
    const tree = buildHostTree([source('netbox', { error: 'HTTP 503' })], [], '');
    expect(tree).toHaveLength(1);
    expect(tree[0]?.error).toBe('HTTP 503');
  });

  it('never drops a host whose source is not listed', () => {
    const tree = buildHostTree([], [host('orphan', { sourceId: 'mystery' })], '');
    expect(tree[0]?.label).toBe('mystery');
    expect(tree[0]?.hostCount).toBe(1);
  });

  it('keeps the roving tab stop on the remembered item, else the first (or first host while searching)', () => {
    const rows = visibleRows(buildHostTree(sources, hosts, ''), initialTreeUiState);
    const web02 = hostNodeId('ssh-config:web-02');
    expect(rovingFocusId(rows, web02, false)).toBe(web02);
    expect(rovingFocusId(rows, 'host:vanished', false)).toBe('source:ssh-config');
    expect(rovingFocusId(rows, null, true)).toBe(hostNodeId('ssh-config:web-01'));
    expect(rovingFocusId([], null, false)).toBeNull();
  });
});
