/** The facts about the visible rows a key press needs, without the DOM. */
export interface KeyRows {
  readonly length: number;
  nodeIdAt(k: number): string;
  isBranchAt(k: number): boolean;
  expandedAt(k: number): boolean;
  /** Node id of the row's parent, null at the top. */
  parentIdAt(k: number): string | null;
  indexOf(nodeId: string | null): number;
}

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** What a key press in the host tree asks for; the component carries it out. */
export type TreeKeyAction =
  | { type: 'focus'; nodeId: string; extend: boolean }
  | { type: 'expand'; nodeId: string }
  | { type: 'collapse'; nodeId: string }
  | { type: 'activate'; nodeId: string }
  | { type: 'openGroup'; nodeId: string }
  | { type: 'toggleSelection'; nodeId: string }
  | { type: 'selectAll' }
  | { type: 'escape' }
  | { type: 'focusSearch' }
  | { type: 'contextMenu'; nodeId: string }
  | { type: 'edit'; nodeId: string }
  | { type: 'remove'; nodeId: string };

/**
 * The WAI-ARIA tree pattern plus SSHplex-style selection: arrows move focus (Shift extends the
 * selection), Space toggles the focused host, A or Ctrl+A selects every visible host, Esc clears,
 * Enter connects (the selection when the focused host is in it), Shift+Enter opens it as a group.
 */
export function treeKeyAction(
  rows: KeyRows,
  focusedId: string | null,
  press: KeyPress,
): TreeKeyAction | null {
  const { key, shiftKey, altKey } = press;
  const primary = press.ctrlKey || press.metaKey;
  if (altKey) return null;
  if (key === 'a' || key === 'A') return !shiftKey ? { type: 'selectAll' } : null;
  if (primary) return null;
  if (key === '/') return { type: 'focusSearch' };
  if (key === 'Escape') return { type: 'escape' };

  const index = rows.indexOf(focusedId);
  const focusAt = (k: number): TreeKeyAction | null =>
    k >= 0 && k < rows.length ? { type: 'focus', nodeId: rows.nodeIdAt(k), extend: shiftKey } : null;
  switch (key) {
    case 'Home':
      return focusAt(0);
    case 'End':
      return focusAt(rows.length - 1);
    case 'ArrowDown':
      return focusAt(index === -1 ? 0 : index + 1);
    case 'ArrowUp':
      return focusAt(index === -1 ? 0 : index - 1);
    case 'PageDown':
      return focusAt(Math.min(rows.length - 1, Math.max(0, index) + 10));
    case 'PageUp':
      return focusAt(Math.max(0, index - 10));
  }
  if (index === -1 || focusedId === null) return null;
  const branch = rows.isBranchAt(index);
  switch (key) {
    case 'ArrowRight':
      if (!branch) return null;
      if (!rows.expandedAt(index)) return { type: 'expand', nodeId: focusedId };
      return index + 1 < rows.length && rows.parentIdAt(index + 1) === focusedId ? focusAt(index + 1) : null;
    case 'ArrowLeft': {
      if (branch && rows.expandedAt(index)) return { type: 'collapse', nodeId: focusedId };
      const parent = rows.parentIdAt(index);
      return parent === null ? null : { type: 'focus', nodeId: parent, extend: false };
    }
    case 'Enter':
      if (shiftKey) return branch ? null : { type: 'openGroup', nodeId: focusedId };
      if (branch)
        return rows.expandedAt(index)
          ? { type: 'collapse', nodeId: focusedId }
          : { type: 'expand', nodeId: focusedId };
      return { type: 'activate', nodeId: focusedId };
    case ' ':
      return branch ? null : { type: 'toggleSelection', nodeId: focusedId };
    case 'ContextMenu':
      return { type: 'contextMenu', nodeId: focusedId };
    case 'F10':
      return shiftKey ? { type: 'contextMenu', nodeId: focusedId } : null;
    case 'F2':
      return { type: 'edit', nodeId: focusedId };
    case 'Delete':
      return { type: 'remove', nodeId: focusedId };
    default:
      return null;
  }
}
