import { memo, type DragEvent, type MouseEvent } from 'react';
import type { ConnectionStatus } from '../../../../src-preload/api';
import type { DropPosition } from '../../stores/tree/dragDrop.logic';
import type { Highlights } from '../../stores/tree/search.logic';
import type { TreeEntry } from '../../stores/tree/treeEntries.logic';
import type { TreeNodeInfo } from '../../stores/tree/treeModel.logic';
import { StatusDot } from '../SessionStatus/StatusDot';
import { Highlighted } from './Highlighted';

/** Stable for the tree's life, so rows re-render only when their own data changes. */
export interface RowHandlers {
  click(event: MouseEvent, nodeId: string): void;
  doubleClick(event: MouseEvent, nodeId: string): void;
  contextMenu(event: MouseEvent, nodeId: string): void;
  focus(nodeId: string): void;
  dragStart(event: DragEvent, nodeId: string): void;
  dragOver(event: DragEvent, nodeId: string): void;
  drop(event: DragEvent, nodeId: string): void;
  dragEnd(): void;
}

export interface TreeRowProps {
  node: TreeNodeInfo;
  entry: TreeEntry | undefined;
  top: number;
  expanded: boolean;
  selected: boolean;
  tabStop: boolean;
  /** Matching hosts below a branch while searching. */
  matchCount: number | null;
  highlight: Highlights | undefined;
  status: ConnectionStatus | undefined;
  opening: boolean;
  drop: DropPosition | null;
  handlers: RowHandlers;
}

const INDENT_PX = 14;
const STATUS_WORDS: Record<ConnectionStatus, string> = {
  connected: 'connected',
  connecting: 'connecting',
  disconnected: 'disconnected',
  error: 'connection failed',
};

function hostDescription(entry: TreeEntry, status: ConnectionStatus | undefined): string {
  return [
    entry.destination,
    entry.missing ? `missing from ${entry.sourceLabel}` : `from ${entry.sourceLabel}`,
    entry.originalLabel ? `named ${entry.originalLabel} there` : '',
    entry.tags.length > 0 ? `tags ${entry.tags.join(', ')}` : '',
    status ? STATUS_WORDS[status] : '',
    entry.problem ? `Problem: ${entry.problem}` : '',
    entry.host.connection ? `ansible_connection ${entry.host.connection}` : '',
    entry.host.proxyCommand
      ? `ProxyCommand ${entry.host.proxyCommand.command}${entry.host.proxyCommand.allowed ? '' : ' (not run)'}`
      : '',
  ]
    .filter(Boolean)
    .join('. ');
}

export const TreeRow = memo(function TreeRow(props: TreeRowProps) {
  const { node, entry, handlers } = props;
  const isHost = node.kind === 'host' && entry !== undefined;
  const draggable = isHost || node.kind === 'folder';
  const classes = [
    'tree-row',
    `tree-row-${node.kind}`,
    props.selected ? 'is-selected' : '',
    entry?.missing ? 'is-missing' : '',
    entry?.problem || node.error ? 'has-problem' : '',
    props.drop ? `drop-${props.drop}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const count = props.matchCount ?? node.hostCount;
  return (
    <div
      role="treeitem"
      aria-label={isHost ? entry.label : node.label}
      aria-level={node.depth}
      aria-posinset={node.posInSet}
      aria-setsize={node.setSize}
      aria-expanded={isHost ? undefined : props.expanded}
      aria-selected={isHost ? props.selected : undefined}
      aria-busy={props.opening || undefined}
      aria-description={
        isHost
          ? hostDescription(entry, props.status)
          : [
              `${count} ${count === 1 ? 'host' : 'hosts'}`,
              node.error ? `Error: ${node.error}` : '',
              node.location ?? '',
            ]
              .filter(Boolean)
              .join('. ')
      }
      tabIndex={props.tabStop ? 0 : -1}
      data-node-id={node.id}
      className={classes}
      style={{ transform: `translateY(${props.top}px)`, paddingLeft: 6 + (node.depth - 1) * INDENT_PX }}
      title={isHost ? (entry.problem ?? entry.notes ?? entry.destination) : (node.error ?? node.location)}
      draggable={draggable}
      onClick={(event) => handlers.click(event, node.id)}
      onDoubleClick={(event) => handlers.doubleClick(event, node.id)}
      onContextMenu={(event) => handlers.contextMenu(event, node.id)}
      onFocus={() => handlers.focus(node.id)}
      onDragStart={draggable ? (event) => handlers.dragStart(event, node.id) : undefined}
      onDragOver={(event) => handlers.dragOver(event, node.id)}
      onDrop={(event) => handlers.drop(event, node.id)}
      onDragEnd={draggable ? () => handlers.dragEnd() : undefined}
    >
      {isHost ? <HostContent {...props} entry={entry} /> : <BranchContent {...props} count={count} />}
    </div>
  );
});

function BranchContent({ node, expanded, count }: TreeRowProps & { count: number }) {
  const icon =
    node.kind === 'section' ? `tree-icon-${node.area}` : node.kind === 'folder' ? 'tree-icon-folder' : '';
  return (
    <>
      <span className={`tree-twisty${expanded ? ' is-open' : ''}`} aria-hidden="true" />
      {icon ? <span className={`tree-icon ${icon}`} aria-hidden="true" /> : null}
      <span className="tree-label">{node.label}</span>
      {node.error ? (
        <span className="tree-warning" aria-hidden="true">
          ⚠
        </span>
      ) : null}
      <span className="tree-count" aria-hidden="true">
        {count}
      </span>
    </>
  );
}

function HostContent({ node, entry, highlight, status }: TreeRowProps & { entry: TreeEntry }) {
  return (
    <>
      <span className="tree-host-icon" aria-hidden="true">
        {status ? <StatusDot status={status} /> : null}
      </span>
      <span className="tree-label">
        <Highlighted text={entry.label} ranges={highlight?.label} />
      </span>
      {entry.problem ? (
        <span className="tree-warning" aria-hidden="true">
          ⚠
        </span>
      ) : null}
      {entry.notes ? (
        <span className="tree-notes" aria-hidden="true">
          ✎
        </span>
      ) : null}
      <span className="tree-secondary" aria-hidden="true">
        {entry.missing ? (
          `missing from ${entry.sourceLabel}`
        ) : (
          <Highlighted text={entry.destination} ranges={highlight?.destination} />
        )}
      </span>
      {entry.tags.slice(0, 2).map((tag) => (
        <span key={tag} className="tree-tag" aria-hidden="true">
          {tag}
        </span>
      ))}
      {node.area !== 'source' && !entry.manual ? (
        <span className="tree-source" aria-hidden="true">
          {entry.sourceLabel}
        </span>
      ) : null}
    </>
  );
}
