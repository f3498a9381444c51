import type { RequestResult, EventPayload } from '../../../../src-preload/api';
import { buildSearchIndex, searchEntries, type MatchState, type SearchIndex } from './search.logic';
import {
  actionTargets,
  emptySelection,
  pruneSelection,
  selectAll,
  selectOnly,
  selectRange,
  toggleSelected,
  type Selection,
} from './selection.logic';
import { initialTreeData, onlyLayoutDiffers, treeChanged, treeLoaded, type TreeData } from './treeData';
import { buildTreeModel, type TreeModel } from './treeModel.logic';
import {
  hostIdsBetween,
  rovingFocus,
  rowIndexOf,
  visibleRows,
  type Expansion,
  type VisibleRows,
} from './treeRows.logic';

/** Everything the tree shows, and the derived structures that keep it fast; changed only through these functions. */
export interface TreeViewState {
  data: TreeData;
  model: TreeModel;
  search: SearchIndex;
  query: string;
  match: MatchState | null;
  expansion: Expansion;
  rows: VisibleRows;
  /** The roving tab stop: a node id. */
  focusedId: string | null;
  selection: Selection;
}

function withRows(state: TreeViewState): TreeViewState {
  const rows = visibleRows(state.model, state.match, state.expansion);
  return { ...state, rows, focusedId: rovingFocus(state.model, rows, state.focusedId, state.match) };
}

export function initialTreeView(): TreeViewState {
  const model = buildTreeModel(initialTreeData);
  const state: TreeViewState = {
    data: initialTreeData,
    model,
    search: buildSearchIndex(model.entries),
    query: '',
    match: null,
    expansion: {},
    rows: { order: new Int32Array(0), matchCounts: null },
    focusedId: null,
    selection: emptySelection,
  };
  return withRows(state);
}

function withData(state: TreeViewState, data: TreeData): TreeViewState {
  const previous = { data: state.data, entries: state.model.entrySet };
  const model = buildTreeModel(data, previous);
  const search = buildSearchIndex(model.entries, state.search);
  return withRows({
    ...state,
    data,
    model,
    search,
    match: searchEntries(search, state.query),
    selection: pruneSelection(state.selection, (id) => model.entryIndexById.has(id)),
  });
}

export function snapshotLoaded(state: TreeViewState, snapshot: RequestResult<'tree:get'>): TreeViewState {
  const first = !state.data.loaded;
  const next = withData(state, treeLoaded(snapshot));
  // The remembered expand/collapse choices apply at start; afterwards this window's own choices win.
  return first
    ? withRows({ ...next, expansion: { ...snapshot.overlay.expanded, ...state.expansion } })
    : next;
}

export function overlayChanged(state: TreeViewState, change: EventPayload<'tree:changed'>): TreeViewState {
  const data = treeChanged(state.data, change.overlay, change.manualHosts);
  if (data === state.data) return state;
  // Expanding a folder in any window is announced too; the tree itself is unchanged.
  if (data.hosts === state.data.hosts && onlyLayoutDiffers(data.overlay, state.data.overlay))
    return { ...state, data };
  return withData(state, data);
}

/** Every keystroke: filter, recount, and put the tab stop on the best match. */
export function queryChanged(state: TreeViewState, query: string): TreeViewState {
  const match = searchEntries(state.search, query, state.match);
  return withRows({ ...state, query, match, focusedId: match ? null : state.focusedId });
}

export function expansionChanged(state: TreeViewState, nodeId: string, expanded: boolean): TreeViewState {
  return withRows({ ...state, expansion: { ...state.expansion, [nodeId]: expanded } });
}

export function focused(state: TreeViewState, nodeId: string): TreeViewState {
  return state.focusedId === nodeId ? state : { ...state, focusedId: nodeId };
}

export function hostIdOfNode(state: TreeViewState, nodeId: string | null): string | null {
  if (nodeId === null) return null;
  const node = state.model.nodeIndexById.get(nodeId);
  const entry = node === undefined ? -1 : (state.model.entryOf[node] ?? -1);
  return entry >= 0 ? (state.model.entries[entry]?.hostId ?? null) : null;
}

/** A click: plain selects just this host, Ctrl/Cmd toggles it, Shift selects the range from the anchor. */
export function clicked(
  state: TreeViewState,
  nodeId: string,
  modifiers: { toggle: boolean; range: boolean },
): TreeViewState {
  const hostId = hostIdOfNode(state, nodeId);
  const next = { ...state, focusedId: nodeId };
  if (hostId === null) return next;
  if (modifiers.range) return { ...next, selection: rangeTo(state, nodeId) };
  if (modifiers.toggle) return { ...next, selection: toggleSelected(state.selection, hostId, nodeId) };
  return { ...next, selection: selectOnly(hostId, nodeId) };
}

function rangeTo(state: TreeViewState, nodeId: string): Selection {
  const anchor = state.selection.anchor ?? state.focusedId;
  const from = rowIndexOf(state.model, state.rows, anchor);
  const to = rowIndexOf(state.model, state.rows, nodeId);
  if (to === -1) return state.selection;
  const ids = hostIdsBetween(state.model, state.rows, from === -1 ? to : from, to);
  return selectRange({ ...state.selection, anchor: from === -1 ? nodeId : anchor }, ids, nodeId);
}

/** Shift+arrow: move the focus and select from the anchor to it. */
export function extendedTo(state: TreeViewState, nodeId: string): TreeViewState {
  const anchored =
    state.selection.anchor === null
      ? { ...state, selection: { ...state.selection, anchor: state.focusedId } }
      : state;
  return { ...anchored, focusedId: nodeId, selection: rangeTo(anchored, nodeId) };
}

export function selectionToggled(state: TreeViewState, nodeId: string): TreeViewState {
  const hostId = hostIdOfNode(state, nodeId);
  return hostId === null ? state : { ...state, selection: toggleSelected(state.selection, hostId, nodeId) };
}

export function allVisibleSelected(state: TreeViewState): TreeViewState {
  const ids = hostIdsBetween(state.model, state.rows, 0, state.rows.order.length - 1);
  return { ...state, selection: selectAll(ids, state.focusedId) };
}

export function selectionCleared(state: TreeViewState): TreeViewState {
  return state.selection.ids.size === 0 ? state : { ...state, selection: emptySelection };
}

/** Right-click on a host outside the selection selects it alone first, as file managers do. */
export function ensureSelectedForMenu(state: TreeViewState, nodeId: string): TreeViewState {
  const hostId = hostIdOfNode(state, nodeId);
  if (hostId === null || state.selection.ids.has(hostId)) return { ...state, focusedId: nodeId };
  return { ...state, focusedId: nodeId, selection: selectOnly(hostId, nodeId) };
}

/** The hosts an action on this node applies to (see actionTargets). */
export function targetsOf(state: TreeViewState, nodeId: string | null): string[] {
  return actionTargets(state.selection, hostIdOfNode(state, nodeId));
}
