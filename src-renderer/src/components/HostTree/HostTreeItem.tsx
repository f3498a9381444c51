import type { MouseEvent } from 'react';
import { hostDestination } from '../../stores/hosts.logic';
import type { BranchNode, HostNode, TreeNode } from '../../stores/tree.logic';

/** What every item needs from the tree, passed down once instead of prop by prop. */
export interface TreeItemContext {
  tabStopId: string | null;
  selectedHostId: string | null;
  opening: readonly string[];
  isExpanded(id: string): boolean;
  registerElement(id: string, element: HTMLElement | null): void;
  toggle(id: string, expanded: boolean): void;
  openHost(hostId: string): void;
}

interface ItemProps<N extends TreeNode> {
  node: N;
  depth: number;
  context: TreeItemContext;
}

const INDENT_PX = 14;
const rowIndent = (depth: number) => ({ paddingLeft: 6 + (depth - 1) * INDENT_PX });

export function HostTreeItem({ node, depth, context }: ItemProps<TreeNode>) {
  return node.kind === 'host' ? (
    <HostItem node={node} depth={depth} context={context} />
  ) : (
    <BranchItem node={node} depth={depth} context={context} />
  );
}

function BranchItem({ node, depth, context }: ItemProps<BranchNode>) {
  const expanded = context.isExpanded(node.id);
  const count = `${node.hostCount} ${node.hostCount === 1 ? 'host' : 'hosts'}`;
  const description = [count, node.error ? `Error: ${node.error}` : '', node.location ?? '']
    .filter(Boolean)
    .join('. ');
  return (
    <li
      ref={(element) => context.registerElement(node.id, element)}
      role="treeitem"
      aria-label={node.label}
      aria-description={description}
      aria-expanded={expanded}
      aria-level={depth}
      tabIndex={node.id === context.tabStopId ? 0 : -1}
      data-node-id={node.id}
      className="tree-item"
    >
      <div
        className={`tree-row tree-row-branch${node.error ? ' has-error' : ''}`}
        style={rowIndent(depth)}
        title={node.location}
        onClick={() => context.toggle(node.id, !expanded)}
      >
        <span className={`tree-twisty${expanded ? ' is-open' : ''}`} aria-hidden="true" />
        <span className="tree-label">{node.label}</span>
        {node.error ? (
          <span className="tree-warning" aria-hidden="true" title={node.error}>
            ⚠
          </span>
        ) : null}
        <span className="tree-count" aria-hidden="true">
          {node.hostCount}
        </span>
      </div>
      {node.error ? (
        <div className="tree-error" style={rowIndent(depth + 1)} aria-hidden="true">
          {node.error}
        </div>
      ) : null}
      {expanded ? (
        <ul role="group" className="tree-group">
          {node.children.map((child) => (
            <HostTreeItem key={child.id} node={child} depth={depth + 1} context={context} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function HostItem({ node, depth, context }: ItemProps<HostNode>) {
  const { host } = node;
  const destination = hostDestination(host);
  const description = [destination, host.problem ? `Problem: ${host.problem}` : '']
    .filter(Boolean)
    .join('. ');
  const selected = context.selectedHostId === host.id;
  const opening = context.opening.includes(host.id);

  const open = (event: MouseEvent): void => {
    event.preventDefault();
    context.openHost(host.id);
  };

  return (
    <li
      ref={(element) => context.registerElement(node.id, element)}
      role="treeitem"
      aria-label={host.label}
      aria-description={description || undefined}
      aria-selected={selected}
      aria-busy={opening || undefined}
      aria-level={depth}
      tabIndex={node.id === context.tabStopId ? 0 : -1}
      data-node-id={node.id}
      className="tree-item"
    >
      <div
        className={`tree-row tree-row-host${selected ? ' is-selected' : ''}${host.problem ? ' has-problem' : ''}`}
        style={rowIndent(depth)}
        title={host.problem ?? destination}
        onDoubleClick={open}
      >
        <span className="tree-host-icon" aria-hidden="true" />
        <span className="tree-label">{host.label}</span>
        {host.problem ? (
          <span className="tree-warning" aria-hidden="true">
            ⚠
          </span>
        ) : null}
        {destination && destination !== host.label ? (
          <span className="tree-secondary" aria-hidden="true">
            {destination}
          </span>
        ) : null}
      </div>
    </li>
  );
}
