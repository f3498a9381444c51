import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  type KeyboardEvent,
  type MouseEvent,
  type RefObject,
} from 'react';
import { useAppState, useServices } from '../../app/AppServices';
import { branchMenu, hostMenu } from '../../stores/tree/contextMenu.logic';
import { highlightsFor } from '../../stores/tree/search.logic';
import { treeKeyAction } from '../../stores/tree/treeKeys.logic';
import { isExpanded } from '../../stores/tree/treeRows.logic';
import { hostIdOfNode } from '../../stores/tree/treeState.logic';
import { useTreeState } from '../../tree/useTree';
import { TreeContextMenu } from '../TreeContextMenu/TreeContextMenu';
import { TreeDialogs } from '../TreeDialogs/TreeDialogs';
import { TreeToolbar } from '../TreeToolbar/TreeToolbar';
import { hostStatuses } from './hostStatus.logic';
import { keyRows } from './keyRows';
import { TreeRow, type RowHandlers } from './TreeRow';
import { useTreeDragDrop } from './useTreeDragDrop';
import './HostTree.css';

/** What the app may ask of the tree: take the keyboard focus (on its tab stop). */
export interface HostTreeHandle {
  focus(): void;
}

interface HostTreeProps {
  treeRef: RefObject<HostTreeHandle | null>;
  onFocusSearch: () => void;
}

const ROW_HEIGHT = 22;

/**
 * Every host of every source, the user's folders, Favourites and Recent, in one virtualised tree:
 * only the rows on screen exist in the DOM, so 50,000 hosts cost what 50 do.
 */
export function HostTree({ treeRef, onFocusSearch }: HostTreeProps) {
  const services = useServices();
  const { store, commands } = services.tree;
  const model = useTreeState((state) => state.model);
  const rows = useTreeState((state) => state.rows);
  const match = useTreeState((state) => state.match);
  const search = useTreeState((state) => state.search);
  const expansion = useTreeState((state) => state.expansion);
  const focusedId = useTreeState((state) => state.focusedId);
  const selection = useTreeState((state) => state.selection);
  const loaded = useTreeState((state) => state.data.loaded);
  const query = useTreeState((state) => state.query);
  const focusRequest = useTreeState((state) => state.focusRequest);
  const sessions = useAppState((state) => state.sessions);
  const opening = useAppState((state) => state.opening);
  const statusByHost = useMemo(() => hostStatuses(sessions), [sessions]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<string | null>(null);
  // No React Compiler here; the virtualizer's functions are read fresh on every render anyway.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.order.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();

  const visibleEntries = items
    .map((item) => model.entryOf[rows.order[item.index] ?? -1] ?? -1)
    .filter((e) => e >= 0);
  const visibleKey = visibleEntries.join(',');
  const highlights = useMemo(
    () =>
      match ? highlightsFor(search, visibleKey ? visibleKey.split(',').map(Number) : [], match.terms) : null,
    [match, search, visibleKey],
  );

  /** Moves DOM focus to a node, scrolling it into the rendered window first when needed. */
  const focusNode = useCallback(
    (nodeId: string) => {
      store.getState().focus(nodeId);
      const rendered = scrollRef.current?.querySelector<HTMLElement>(
        `[data-node-id="${CSS.escape(nodeId)}"]`,
      );
      if (rendered && isWithin(rendered, scrollRef.current)) {
        rendered.focus({ preventScroll: true });
        return;
      }
      // Not on screen yet: scroll it into the rendered window and focus it once it is there.
      pendingFocus.current = nodeId;
      const state = store.getState();
      const index = state.model.nodeIndexById.get(nodeId);
      const row = index === undefined ? -1 : state.rows.order.indexOf(index);
      if (row !== -1) virtualizer.scrollToIndex(row, { align: 'auto' });
    },
    [store, virtualizer],
  );

  useLayoutEffect(() => {
    const nodeId = pendingFocus.current;
    if (nodeId === null) return;
    const element = scrollRef.current?.querySelector<HTMLElement>(`[data-node-id="${CSS.escape(nodeId)}"]`);
    if (element) {
      pendingFocus.current = null;
      element.focus({ preventScroll: true });
    }
  });

  useImperativeHandle(treeRef, () => ({ focus: () => focusId(store.getState().focusedId) }));
  const focusId = (nodeId: string | null) => {
    if (nodeId !== null) focusNode(nodeId);
  };
  useEffect(() => {
    if (focusRequest > 0) focusId(store.getState().focusedId);
    // Only a new request moves focus, not the other values focusId closes over.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);

  const dragDrop = useTreeDragDrop(store, commands);
  const dragDropRef = useRef(dragDrop);
  dragDropRef.current = dragDrop;

  const openMenuAt = useCallback(
    (nodeId: string, x: number, y: number) => {
      const state = store.getState();
      const index = state.model.nodeIndexById.get(nodeId);
      const node = index === undefined ? undefined : state.model.nodes[index];
      if (!node) return;
      const entry = node.entry >= 0 ? state.model.entries[node.entry] : undefined;
      let items;
      if (entry) {
        const hostIds = state.selection.ids.has(entry.hostId) ? [...state.selection.ids] : [entry.hostId];
        const targets = hostIds.flatMap(
          (id) => state.model.entries[state.model.entryIndexById.get(id) ?? -1] ?? [],
        );
        items = hostMenu(entry, node.area, targets);
      } else items = branchMenu(node);
      if (items.length > 0) state.openMenu({ x, y, nodeId, items });
    },
    [store],
  );

  const handlers = useMemo<RowHandlers>(
    () => ({
      click(event: MouseEvent, nodeId) {
        const state = store.getState();
        const toggle = event.ctrlKey || event.metaKey;
        state.click(nodeId, { toggle, range: event.shiftKey });
        const index = state.model.nodeIndexById.get(nodeId);
        const node = index === undefined ? undefined : state.model.nodes[index];
        if (node && node.kind !== 'host' && !toggle && !event.shiftKey && index !== undefined) {
          commands.setExpanded(nodeId, !isExpanded(state.model, index, state.match, state.expansion));
        }
      },
      doubleClick(event, nodeId) {
        const hostId = hostIdOfNode(store.getState(), nodeId);
        if (hostId === null) return;
        event.preventDefault();
        commands.connect([hostId]);
      },
      contextMenu(event, nodeId) {
        event.preventDefault();
        openMenuAt(nodeId, event.clientX, event.clientY);
      },
      focus(nodeId) {
        store.getState().focus(nodeId);
      },
      dragStart: (event, nodeId) => dragDropRef.current.dragStart(event, nodeId),
      dragOver: (event, nodeId) => dragDropRef.current.dragOver(event, nodeId),
      drop: (event, nodeId) => dragDropRef.current.drop(event, nodeId),
      dragEnd: () => dragDropRef.current.dragEnd(),
    }),
    [store, commands, openMenuAt],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (!(event.target instanceof HTMLElement) || event.target.getAttribute('role') !== 'treeitem') return;
    const state = store.getState();
    const action = treeKeyAction(keyRows(model, rows, match, expansion), state.focusedId, event);
    if (!action) return;
    event.preventDefault();
    switch (action.type) {
      case 'focus':
        if (action.extend) state.extendTo(action.nodeId);
        focusNode(action.nodeId);
        break;
      case 'expand':
      case 'collapse':
        commands.setExpanded(action.nodeId, action.type === 'expand');
        break;
      case 'activate':
        commands.connectFrom(action.nodeId);
        break;
      case 'openGroup':
        commands.openGroupFrom(action.nodeId);
        break;
      case 'toggleSelection':
        state.toggleSelection(action.nodeId);
        break;
      case 'selectAll':
        state.selectAllVisible();
        break;
      case 'escape':
        if (state.selection.ids.size > 0) state.clearSelection();
        else if (state.query !== '') state.setQuery('');
        break;
      case 'focusSearch':
        onFocusSearch();
        break;
      case 'contextMenu': {
        const box = event.target.getBoundingClientRect();
        openMenuAt(action.nodeId, box.left + 24, box.bottom);
        break;
      }
      case 'edit':
        commands.edit(action.nodeId);
        break;
      case 'remove':
        commands.remove(action.nodeId);
        break;
    }
  };

  const tabStop = focusedId;
  return (
    <div className="host-tree">
      <TreeToolbar />
      <TreeMessage loaded={loaded} shown={rows.order.length} hosts={model.entries.length} query={query} />
      <div className="host-tree-scroll" ref={scrollRef}>
        <div
          role="tree"
          aria-label="Hosts"
          aria-multiselectable="true"
          className="host-tree-rows"
          style={{ height: virtualizer.getTotalSize() }}
          onKeyDown={onKeyDown}
        >
          {items.map((item) => {
            const nodeIndex = rows.order[item.index] ?? -1;
            const node = model.nodes[nodeIndex];
            if (!node) return null;
            const entry = node.entry >= 0 ? model.entries[node.entry] : undefined;
            return (
              <TreeRow
                key={node.id}
                node={node}
                entry={entry}
                top={item.start}
                expanded={isExpanded(model, nodeIndex, match, expansion)}
                selected={entry ? selection.ids.has(entry.hostId) : false}
                tabStop={node.id === tabStop}
                matchCount={rows.matchCounts ? (rows.matchCounts[nodeIndex] ?? 0) : null}
                highlight={entry ? highlights?.get(node.entry) : undefined}
                status={entry ? statusByHost.get(entry.hostId) : undefined}
                opening={entry ? opening.includes(entry.hostId) : false}
                drop={dragDrop.hint?.nodeId === node.id ? dragDrop.hint.position : null}
                handlers={handlers}
              />
            );
          })}
        </div>
      </div>
      <TreeContextMenu />
      <TreeDialogs />
    </div>
  );
}

/** Fully inside the scrolled viewport (overscan rows exist in the DOM but are not visible). */
function isWithin(element: HTMLElement, viewport: HTMLElement | null): boolean {
  if (!viewport) return false;
  const box = element.getBoundingClientRect();
  const view = viewport.getBoundingClientRect();
  return box.top >= view.top && box.bottom <= view.bottom;
}

function TreeMessage({
  loaded,
  shown,
  hosts,
  query,
}: {
  loaded: boolean;
  shown: number;
  hosts: number;
  query: string;
}) {
  if (!loaded) return <p className="host-tree-message">Loading hosts…</p>;
  if (query.trim() !== '' && shown === 0)
    return <p className="host-tree-message">No hosts match “{query.trim()}”.</p>;
  if (hosts === 0) {
    return (
      <p className="host-tree-message">
        No hosts yet. Hosts from ~/.ssh/config appear here; add your own with New host.
      </p>
    );
  }
  return null;
}
