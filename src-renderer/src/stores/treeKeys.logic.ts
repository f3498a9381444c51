import type { VisibleRow } from './tree.logic';

/** What a key press in the host tree asks for; the component carries it out. */
export type TreeKeyAction =
  | { type: 'focus'; id: string }
  | { type: 'expand'; id: string }
  | { type: 'collapse'; id: string }
  | { type: 'open'; hostId: string }
  | { type: 'focusSearch' };

/**
 * The WAI-ARIA tree pattern: Up/Down walk the visible items, Right opens a folder or steps into it,
 * Left closes it or steps out to the parent, Home/End jump, Enter opens a host or toggles a folder.
 */
export function treeKeyAction(
  rows: readonly VisibleRow[],
  focusedId: string | null,
  key: string,
): TreeKeyAction | null {
  if (key === '/') return { type: 'focusSearch' };
  const index = rows.findIndex((row) => row.id === focusedId);
  const row = rows[index];
  const focus = (target: VisibleRow | undefined): TreeKeyAction | null =>
    target ? { type: 'focus', id: target.id } : null;

  switch (key) {
    case 'Home':
      return focus(rows[0]);
    case 'End':
      return focus(rows[rows.length - 1]);
    case 'ArrowDown':
      return row ? focus(rows[index + 1]) : focus(rows[0]);
    case 'ArrowUp':
      return row ? focus(rows[index - 1]) : focus(rows[0]);
  }
  if (!row) return null;

  switch (key) {
    case 'ArrowRight':
      if (row.node.kind === 'host') return null;
      if (!row.expanded) return { type: 'expand', id: row.id };
      return rows[index + 1]?.parentId === row.id ? focus(rows[index + 1]) : null;
    case 'ArrowLeft':
      if (row.node.kind === 'branch' && row.expanded) return { type: 'collapse', id: row.id };
      return row.parentId === null ? null : { type: 'focus', id: row.parentId };
    case 'Enter':
      if (row.node.kind === 'host') return { type: 'open', hostId: row.node.host.id };
      return row.expanded ? { type: 'collapse', id: row.id } : { type: 'expand', id: row.id };
    default:
      return null;
  }
}
