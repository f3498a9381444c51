/**
 * Multi-selection of hosts (by host id, so a host shown in Favourites and in its source is selected in
 * both places). The anchor is the row a Shift+click or Shift+arrow range starts from.
 */
export interface Selection {
  ids: ReadonlySet<string>;
  anchor: string | null;
}

export const emptySelection: Selection = { ids: new Set(), anchor: null };

export function selectOnly(hostId: string, nodeId: string): Selection {
  return { ids: new Set([hostId]), anchor: nodeId };
}

export function toggleSelected(selection: Selection, hostId: string, nodeId: string): Selection {
  const ids = new Set(selection.ids);
  if (ids.has(hostId)) ids.delete(hostId);
  else ids.add(hostId);
  return { ids, anchor: nodeId };
}

/** Shift+click / Shift+arrow: exactly the hosts between the anchor and the target; the anchor stays. */
export function selectRange(
  selection: Selection,
  rangeHostIds: readonly string[],
  targetNodeId: string,
): Selection {
  return { ids: new Set(rangeHostIds), anchor: selection.anchor ?? targetNodeId };
}

export function selectAll(hostIds: readonly string[], anchor: string | null): Selection {
  return { ids: new Set(hostIds), anchor };
}

/** After the data changed: hosts that no longer exist leave the selection. */
export function pruneSelection(selection: Selection, exists: (hostId: string) => boolean): Selection {
  const kept = [...selection.ids].filter(exists);
  return kept.length === selection.ids.size ? selection : { ids: new Set(kept), anchor: selection.anchor };
}

/**
 * What Enter (or "Connect") acts on: the whole selection when the focused host is part of it, else
 * just the focused host, so moving away from a selection and pressing Enter never opens it by surprise.
 */
export function actionTargets(selection: Selection, focusedHostId: string | null): string[] {
  if (focusedHostId === null) return [...selection.ids];
  return selection.ids.has(focusedHostId) ? [...selection.ids] : [focusedHostId];
}
