import { useMemo, useRef, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import { useActions, useAppState, useServices } from '../../app/AppServices';
import { normalizeQuery } from '../../stores/hosts.logic';
import { buildHostTree, rovingFocusId, visibleRows } from '../../stores/tree.logic';
import { treeKeyAction } from '../../stores/treeKeys.logic';
import { HostTreeItem, type TreeItemContext } from './HostTreeItem';
import './HostTree.css';

interface HostTreeProps {
  treeRef: RefObject<HTMLUListElement | null>;
  onFocusSearch: () => void;
}

export function HostTree({ treeRef, onFocusSearch }: HostTreeProps) {
  const { commands } = useServices();
  const actions = useActions();
  const hosts = useAppState((state) => state.hosts);
  const ui = useAppState((state) => state.tree);
  const opening = useAppState((state) => state.opening);
  const itemElements = useRef(new Map<string, HTMLElement>());

  const searching = normalizeQuery(ui.query) !== '';
  const tree = useMemo(() => buildHostTree(hosts.sources, hosts.hosts, ui.query), [hosts, ui.query]);
  const rows = useMemo(
    () => visibleRows(tree, { query: ui.query, expansion: ui.expansion }),
    [tree, ui.query, ui.expansion],
  );
  const tabStopId = rovingFocusId(rows, ui.focusedId, searching);

  const focusItem = (id: string): void => {
    actions.focusTreeItem(id);
    itemElements.current.get(id)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const action = treeKeyAction(rows, tabStopId, event.key);
    if (!action) return;
    event.preventDefault();
    switch (action.type) {
      case 'focus':
        focusItem(action.id);
        break;
      case 'expand':
        actions.setExpanded(action.id, true);
        break;
      case 'collapse':
        actions.setExpanded(action.id, false);
        break;
      case 'open':
        void commands.openHost(action.hostId);
        break;
      case 'focusSearch':
        onFocusSearch();
        break;
    }
  };

  // Clicks, Tab and programmatic focus all land here, so the roving tab stop follows the real focus.
  const onFocus = (event: FocusEvent<HTMLUListElement>): void => {
    const nodeId = event.target instanceof HTMLElement ? event.target.dataset.nodeId : undefined;
    if (nodeId === undefined) return;
    const row = rows.find((candidate) => candidate.id === nodeId);
    if (row?.node.kind === 'host') actions.selectHost(row.node.host.id, nodeId);
    else actions.focusTreeItem(nodeId);
  };

  const context: TreeItemContext = {
    tabStopId,
    selectedHostId: ui.selectedHostId,
    opening,
    isExpanded: (id) => rows.find((row) => row.id === id)?.expanded ?? false,
    registerElement: (id, element) => {
      if (element) itemElements.current.set(id, element);
      else itemElements.current.delete(id);
    },
    toggle: (id, expanded) => actions.setExpanded(id, expanded),
    openHost: (hostId) => void commands.openHost(hostId),
  };

  return (
    <div className="host-tree">
      <TreeMessage loaded={hosts.loaded} empty={tree.length === 0} query={ui.query} />
      <ul
        ref={treeRef}
        role="tree"
        aria-label="Hosts"
        className="host-tree-root"
        onKeyDown={onKeyDown}
        onFocus={onFocus}
      >
        {tree.map((node) => (
          <HostTreeItem key={node.id} node={node} depth={1} context={context} />
        ))}
      </ul>
    </div>
  );
}

function TreeMessage({ loaded, empty, query }: { loaded: boolean; empty: boolean; query: string }) {
  if (!loaded) return <p className="host-tree-message">Loading hosts…</p>;
  if (!empty) return null;
  if (normalizeQuery(query) !== '')
    return <p className="host-tree-message">No hosts match “{query.trim()}”.</p>;
  return <p className="host-tree-message">No hosts yet. Hosts from ~/.ssh/config appear here.</p>;
}
