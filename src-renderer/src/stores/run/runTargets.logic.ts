import type { TreeModel } from '../tree/treeModel.logic';

/** Host ids of every host row below a branch (a folder, a source group, a section), each once. */
export function hostsUnder(model: TreeModel, nodeId: string): string[] {
  const index = model.nodeIndexById.get(nodeId);
  if (index === undefined) return [];
  const ids = new Set<string>();
  const end = model.end[index] ?? index + 1;
  for (let i = index + 1; i < end; i++) {
    const entry = model.entries[model.entryOf[i] ?? -1];
    if (entry) ids.add(entry.hostId);
  }
  return [...ids];
}
