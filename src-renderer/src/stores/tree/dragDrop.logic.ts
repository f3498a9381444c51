import type { TreeMutation } from '../../../../src-preload/api';
import type { Area, NodeKind, TreeModel } from './treeModel.logic';

/** What is being dragged; carried in the DataTransfer under DRAG_MIME. */
export type DragPayload = { kind: 'hosts'; hostIds: string[] } | { kind: 'folder'; folderId: string };

export const DRAG_MIME = 'application/x-muxdeck-tree';

export type DropPosition = 'before' | 'after' | 'into';

/** The facts about a row that decide what dropping on it means. */
export interface DropTarget {
  area: Area;
  kind: NodeKind;
  /** Folder rows: the folder. Host rows under "My folders": the folder they are in (null: the top). */
  folderId: string | null;
  hostId: string | null;
  /** Folder rows: the folder that holds them (null: the top). */
  parentFolderId: string | null;
  /** The next sibling of the same kind, for "drop after". */
  nextHostId: string | null;
  nextFolderId: string | null;
  /** Every folder from the top down to (and including) the target's folder, to refuse a folder inside itself. */
  folderPath: string[];
}

export function dropTargetFor(model: TreeModel, node: number): DropTarget | null {
  const info = model.nodes[node];
  if (!info) return null;
  const next = model.nodes[model.end[node] ?? -1];
  const sibling = next && next.parent === info.parent ? next : undefined;
  const path: string[] = [];
  for (let i = node; i >= 0; i = model.nodes[i]?.parent ?? -1) {
    const ancestor = model.nodes[i];
    if (ancestor?.kind === 'folder' && ancestor.folderId !== null) path.unshift(ancestor.folderId);
  }
  const parent = model.nodes[info.parent];
  return {
    area: info.area,
    kind: info.kind,
    folderId: info.folderId,
    hostId: info.entry >= 0 ? (model.entries[info.entry]?.hostId ?? null) : null,
    parentFolderId: parent?.kind === 'folder' ? parent.folderId : null,
    nextHostId: sibling?.kind === 'host' ? (model.entries[sibling.entry]?.hostId ?? null) : null,
    nextFolderId: sibling?.kind === 'folder' ? sibling.folderId : null,
    folderPath: path,
  };
}

/**
 * Folders take a dragged folder before, into (the middle half) or after them, and hosts only into them
 * (hosts are listed after a folder's subfolders, so "before a folder" has no place for a host, and the
 * line drawn there would lie); host rows take drops before or after; sections into. Below an open
 * folder's row is its first child, not its next sibling, so its bottom quarter also means "into".
 */
export function dropPosition(
  kind: NodeKind,
  dragged: DragPayload['kind'],
  offsetY: number,
  height: number,
  open = false,
): DropPosition {
  const ratio = height > 0 ? offsetY / height : 0.5;
  if (kind === 'folder' && dragged === 'hosts') return 'into';
  if (kind === 'folder') return ratio < 0.25 ? 'before' : ratio > 0.75 && !open ? 'after' : 'into';
  if (kind === 'host') return ratio < 0.5 ? 'before' : 'after';
  return 'into';
}

/** The mutations a drop means, or null when the drop is not allowed there. */
export function dropMutations(
  payload: DragPayload,
  target: DropTarget,
  position: DropPosition,
): TreeMutation[] | null {
  return payload.kind === 'hosts'
    ? dropHosts(payload.hostIds, target, position)
    : dropFolder(payload.folderId, target, position);
}

function dropHosts(hostIds: string[], target: DropTarget, position: DropPosition): TreeMutation[] | null {
  if (hostIds.length === 0) return null;
  if (target.area === 'favourites') {
    const favourite: TreeMutation = { op: 'favourite.set', hostIds, favourite: true };
    const [only] = hostIds;
    if (target.kind !== 'host' || hostIds.length !== 1 || only === undefined || only === target.hostId)
      return [favourite];
    const beforeHostId = position === 'before' ? target.hostId : target.nextHostId;
    return [favourite, { op: 'favourite.move', hostId: only, beforeHostId }];
  }
  if (target.area !== 'folders') return null;
  if (target.kind === 'section') return [{ op: 'host.move', hostIds, folderId: null }];
  if (target.kind === 'folder') return [{ op: 'host.move', hostIds, folderId: target.folderId }];
  if (target.hostId !== null && hostIds.includes(target.hostId)) return null;
  const beforeHostId = position === 'before' ? target.hostId : target.nextHostId;
  return [{ op: 'host.move', hostIds, folderId: target.folderId, beforeHostId }];
}

function dropFolder(folderId: string, target: DropTarget, position: DropPosition): TreeMutation[] | null {
  if (target.area !== 'folders' || target.folderPath.includes(folderId)) return null;
  if (target.kind === 'section') return [{ op: 'folder.move', folderId, parentId: null }];
  if (target.kind === 'host') return [{ op: 'folder.move', folderId, parentId: target.folderId }];
  if (position === 'into') return [{ op: 'folder.move', folderId, parentId: target.folderId }];
  const beforeId = position === 'before' ? target.folderId : target.nextFolderId;
  return [{ op: 'folder.move', folderId, parentId: target.parentFolderId, beforeId }];
}
