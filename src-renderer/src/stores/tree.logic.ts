import type { Host, SourceStatus } from '../../../src-preload/api';
import { hostMatches, normalizeQuery } from './hosts.logic';

export interface BranchNode {
  kind: 'branch';
  id: string;
  branch: 'source' | 'group';
  label: string;
  /** Hosts anywhere below this branch (after filtering). */
  hostCount: number;
  error?: string;
  location?: string;
  children: TreeNode[];
}

export interface HostNode {
  kind: 'host';
  id: string;
  host: Host;
}

export type TreeNode = BranchNode | HostNode;

/** A node as it appears in the flattened, visible order that keyboard navigation walks. */
export interface VisibleRow {
  id: string;
  parentId: string | null;
  depth: number;
  node: TreeNode;
  /** Only branches have it. */
  expanded?: boolean;
}

export interface TreeUiState {
  query: string;
  /** The user's explicit expand/collapse choices; anything absent uses defaultExpanded. */
  expansion: Readonly<Record<string, boolean>>;
  /** The roving-tabindex item. */
  focusedId: string | null;
  selectedHostId: string | null;
}

export const initialTreeUiState: TreeUiState = {
  query: '',
  expansion: {},
  focusedId: null,
  selectedHostId: null,
};

export const hostNodeId = (hostId: string): string => `host:${hostId}`;
const sourceNodeId = (sourceId: string): string => `source:${sourceId}`;
// JSON keeps group paths unambiguous whatever characters inventory names contain.
const groupNodeId = (sourceId: string, path: readonly string[]): string =>
  `group:${JSON.stringify([sourceId, ...path])}`;

function makeBranch(id: string, branch: BranchNode['branch'], label: string): BranchNode {
  return { kind: 'branch', id, branch, label, hostCount: 0, children: [] };
}

function childGroup(parent: BranchNode, sourceId: string, path: readonly string[]): BranchNode {
  const id = groupNodeId(sourceId, path);
  const existing = parent.children.find((child): child is BranchNode => child.id === id);
  if (existing) return existing;
  const created = makeBranch(id, 'group', path[path.length - 1] ?? '');
  parent.children.push(created);
  return created;
}

function countHosts(node: BranchNode): number {
  node.hostCount = node.children.reduce(
    (sum, child) => sum + (child.kind === 'host' ? 1 : countHosts(child)),
    0,
  );
  return node.hostCount;
}

function sortChildren(node: BranchNode): void {
  // Folders first, then hosts, each alphabetically, as file managers and RDM do.
  node.children.sort((a, b) => {
    if (a.kind !== b.kind) return a.kind === 'branch' ? -1 : 1;
    const labelA = a.kind === 'branch' ? a.label : a.host.label;
    const labelB = b.kind === 'branch' ? b.label : b.host.label;
    return labelA.localeCompare(labelB, undefined, { numeric: true, sensitivity: 'base' });
  });
  for (const child of node.children) if (child.kind === 'branch') sortChildren(child);
}

/**
 * One branch per source (in the order the main process lists them), folders inside it from each host's
 * group path, hosts as leaves. With a query, only matching hosts and the branches leading to them remain;
 * a source whose hosts are unknown to the source list still gets a branch, so no host silently vanishes.
 */
export function buildHostTree(
  sources: readonly SourceStatus[],
  hosts: readonly Host[],
  query: string,
): BranchNode[] {
  const normalized = normalizeQuery(query);
  const roots = new Map<string, BranchNode>();
  for (const source of sources) {
    const root = makeBranch(sourceNodeId(source.id), 'source', source.label);
    if (source.error !== undefined) root.error = source.error;
    if (source.location !== undefined) root.location = source.location;
    roots.set(source.id, root);
  }
  for (const host of hosts) {
    if (!hostMatches(host, normalized)) continue;
    let parent = roots.get(host.sourceId);
    if (!parent) {
      parent = makeBranch(sourceNodeId(host.sourceId), 'source', host.sourceId);
      roots.set(host.sourceId, parent);
    }
    for (let depth = 1; depth <= host.groups.length; depth++) {
      parent = childGroup(parent, host.sourceId, host.groups.slice(0, depth));
    }
    parent.children.push({ kind: 'host', id: hostNodeId(host.id), host });
  }
  const tree = [...roots.values()];
  for (const root of tree) {
    countHosts(root);
    sortChildren(root);
  }
  return normalized === '' ? tree : tree.filter((root) => root.hostCount > 0);
}

/** Sources start open (there are few); folders start closed (NetBox can have hundreds). */
export function isExpanded(ui: Pick<TreeUiState, 'query' | 'expansion'>, node: BranchNode): boolean {
  // While searching, everything that still has matches is shown: the filter works in place.
  if (normalizeQuery(ui.query) !== '') return true;
  return ui.expansion[node.id] ?? node.branch === 'source';
}

export function visibleRows(
  tree: readonly TreeNode[],
  ui: Pick<TreeUiState, 'query' | 'expansion'>,
): VisibleRow[] {
  const rows: VisibleRow[] = [];
  const walk = (nodes: readonly TreeNode[], parentId: string | null, depth: number): void => {
    for (const node of nodes) {
      if (node.kind === 'host') {
        rows.push({ id: node.id, parentId, depth, node });
        continue;
      }
      const expanded = isExpanded(ui, node);
      rows.push({ id: node.id, parentId, depth, node, expanded });
      if (expanded) walk(node.children, node.id, depth + 1);
    }
  };
  walk(tree, null, 1);
  return rows;
}

/**
 * The item that holds tabindex=0: the remembered one if it is still visible, else the first item, or
 * while searching the first matching host, so Enter in the search box then Enter again connects.
 */
export function rovingFocusId(
  rows: readonly VisibleRow[],
  focusedId: string | null,
  searching: boolean,
): string | null {
  if (focusedId !== null && rows.some((row) => row.id === focusedId)) return focusedId;
  const firstHost = searching ? rows.find((row) => row.node.kind === 'host') : undefined;
  return (firstHost ?? rows[0])?.id ?? null;
}

export function setExpanded(ui: TreeUiState, nodeId: string, expanded: boolean): TreeUiState {
  return { ...ui, expansion: { ...ui.expansion, [nodeId]: expanded } };
}
