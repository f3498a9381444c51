import type { MatchState } from './search.logic';
import type { TreeModel } from './treeModel.logic';

export type Expansion = Readonly<Record<string, boolean>>;

/** The rows on screen (before virtualisation): node indexes in display order, plus per-branch match counts while searching. */
export interface VisibleRows {
  order: Int32Array;
  /** Matching hosts below each branch while searching (by node index), null otherwise. */
  matchCounts: Int32Array | null;
}

export function isExpanded(
  model: TreeModel,
  node: number,
  match: MatchState | null,
  expansion: Expansion,
): boolean {
  const info = model.nodes[node];
  if (!info || info.kind === 'host') return false;
  // While searching, every branch that still has matches is open: the filter works in place.
  if (match) return true;
  return expansion[info.id] ?? info.defaultExpanded;
}

/** One pass over the flattened model: skips closed subtrees and, while searching, branches without matches. */
export function visibleRows(model: TreeModel, match: MatchState | null, expansion: Expansion): VisibleRows {
  const n = model.nodes.length;
  const { end, entryOf } = model;
  let matchedBefore: Int32Array | null = null;
  let matchCounts: Int32Array | null = null;
  if (match) {
    matchedBefore = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      const entry = entryOf[i] ?? -1;
      matchedBefore[i + 1] = (matchedBefore[i] ?? 0) + (entry >= 0 && match.mask[entry] === 1 ? 1 : 0);
    }
    matchCounts = new Int32Array(n);
  }
  const order = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n;) {
    const entry = entryOf[i] ?? -1;
    if (entry >= 0) {
      if (!match || match.mask[entry] === 1) order[count++] = i;
      i++;
      continue;
    }
    const subtreeEnd = end[i] ?? i + 1;
    if (matchedBefore && matchCounts) {
      const below = (matchedBefore[subtreeEnd] ?? 0) - (matchedBefore[i + 1] ?? 0);
      if (below === 0) {
        i = subtreeEnd;
        continue;
      }
      matchCounts[i] = below;
    }
    order[count++] = i;
    i = isExpanded(model, i, match, expansion) ? i + 1 : subtreeEnd;
  }
  return { order: order.subarray(0, count), matchCounts };
}

/** Position of a node among the visible rows, -1 when it is not visible. */
export function rowIndexOf(model: TreeModel, rows: VisibleRows, nodeId: string | null): number {
  if (nodeId === null) return -1;
  const node = model.nodeIndexById.get(nodeId);
  if (node === undefined) return -1;
  return rows.order.indexOf(node);
}

/** Host ids of the visible rows between two row positions, inclusive, once each, in display order. */
export function hostIdsBetween(model: TreeModel, rows: VisibleRows, from: number, to: number): string[] {
  const ids = new Set<string>();
  const [low, high] = from <= to ? [from, to] : [to, from];
  for (let k = Math.max(0, low); k <= high && k < rows.order.length; k++) {
    const entry = model.entryOf[rows.order[k] ?? -1] ?? -1;
    const hostId = model.entries[entry]?.hostId;
    if (entry >= 0 && hostId !== undefined) ids.add(hostId);
  }
  return [...ids];
}

/** The node to focus: the remembered one if visible, else the best search match, else the first row. */
export function rovingFocus(
  model: TreeModel,
  rows: VisibleRows,
  focusedId: string | null,
  match: MatchState | null,
): string | null {
  if (rowIndexOf(model, rows, focusedId) !== -1) return focusedId;
  if (match && match.best >= 0) {
    for (const node of rows.order) {
      if (model.entryOf[node] === match.best) return model.nodes[node]?.id ?? null;
    }
  }
  const first = rows.order[0];
  return first === undefined ? null : (model.nodes[first]?.id ?? null);
}
