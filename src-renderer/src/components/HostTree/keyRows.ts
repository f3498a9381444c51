import type { KeyRows } from '../../stores/tree/treeKeys.logic';
import { isExpanded, type Expansion, type VisibleRows } from '../../stores/tree/treeRows.logic';
import type { MatchState } from '../../stores/tree/search.logic';
import type { TreeModel } from '../../stores/tree/treeModel.logic';

/** The visible rows as treeKeyAction sees them. */
export function keyRows(
  model: TreeModel,
  rows: VisibleRows,
  match: MatchState | null,
  expansion: Expansion,
): KeyRows {
  const node = (k: number) => model.nodes[rows.order[k] ?? -1];
  return {
    length: rows.order.length,
    nodeIdAt: (k) => node(k)?.id ?? '',
    isBranchAt: (k) => node(k)?.kind !== 'host',
    expandedAt: (k) => isExpanded(model, rows.order[k] ?? -1, match, expansion),
    parentIdAt: (k) => model.nodes[node(k)?.parent ?? -1]?.id ?? null,
    indexOf: (nodeId) => {
      const index = nodeId === null ? undefined : model.nodeIndexById.get(nodeId);
      return index === undefined ? -1 : rows.order.indexOf(index);
    },
  };
}
