import { useRef, useState, type DragEvent } from 'react';
import {
  DRAG_MIME,
  dropMutations,
  dropPosition,
  dropTargetFor,
  type DragPayload,
  type DropPosition,
} from '../../stores/tree/dragDrop.logic';
import { isExpanded } from '../../stores/tree/treeRows.logic';
import { hostIdOfNode } from '../../stores/tree/treeState.logic';
import type { TreeStore } from '../../stores/tree/treeStore';
import type { TreeCommands } from '../../tree/treeCommands';

export interface DropHint {
  nodeId: string;
  position: DropPosition;
}

/**
 * HTML5 drag and drop over the tree: hosts (the selection, when the dragged host is in it) and folders.
 * What a drop means is dragDrop.logic.ts's; the payload lives in a ref because browsers hide
 * DataTransfer contents until the drop.
 */
export function useTreeDragDrop(store: TreeStore, commands: TreeCommands) {
  const payload = useRef<DragPayload | null>(null);
  const [hint, setHint] = useState<DropHint | null>(null);

  const target = (event: DragEvent, nodeId: string) => {
    const state = store.getState();
    const index = state.model.nodeIndexById.get(nodeId);
    const dropTarget = index === undefined ? null : dropTargetFor(state.model, index);
    if (!dropTarget || !payload.current) return null;
    const box = event.currentTarget.getBoundingClientRect();
    // Open with something below it: the row underneath is its first child.
    const open =
      index !== undefined &&
      (state.model.end[index] ?? 0) > index + 1 &&
      isExpanded(state.model, index, state.match, state.expansion);
    const offset = event.clientY - box.top;
    const position = dropPosition(dropTarget.kind, payload.current.kind, offset, box.height, open);
    const mutations = dropMutations(payload.current, dropTarget, position);
    return mutations ? { mutations, position, dropTarget } : null;
  };

  return {
    hint,
    dragStart(event: DragEvent, nodeId: string) {
      const state = store.getState();
      const index = state.model.nodeIndexById.get(nodeId);
      const node = index === undefined ? undefined : state.model.nodes[index];
      const hostId = hostIdOfNode(state, nodeId);
      if (hostId !== null) {
        const hostIds = state.selection.ids.has(hostId) ? [...state.selection.ids] : [hostId];
        payload.current = { kind: 'hosts', hostIds };
      } else if (node?.kind === 'folder' && node.folderId) {
        payload.current = { kind: 'folder', folderId: node.folderId };
      } else {
        event.preventDefault();
        return;
      }
      event.dataTransfer.effectAllowed = 'copyMove';
      event.dataTransfer.setData(DRAG_MIME, JSON.stringify(payload.current));
      event.dataTransfer.setData('text/plain', node?.label ?? '');
    },
    dragOver(event: DragEvent, nodeId: string) {
      const result = target(event, nodeId);
      if (!result) {
        if (hint?.nodeId === nodeId) setHint(null);
        return;
      }
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      if (hint?.nodeId !== nodeId || hint.position !== result.position)
        setHint({ nodeId, position: result.position });
    },
    drop(event: DragEvent, nodeId: string) {
      const result = target(event, nodeId);
      setHint(null);
      payload.current = null;
      if (!result) return;
      event.preventDefault();
      const { dropTarget, position } = result;
      if (dropTarget.kind === 'folder' && position === 'into' && dropTarget.folderId) {
        commands.setExpanded(`folder:${dropTarget.folderId}`, true);
      }
      void commands.apply(result.mutations);
    },
    dragEnd() {
      payload.current = null;
      setHint(null);
    },
  };
}
