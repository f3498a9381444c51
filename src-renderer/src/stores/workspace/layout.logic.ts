import type { LayoutNode } from '../../../../src-preload/api';

export type { LayoutNode };
export type SplitDirection = 'row' | 'column';
export type FocusDirection = 'left' | 'right' | 'up' | 'down';

/** A rectangle in fractions of the tab's area (0..1), so layout never depends on pixels. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PaneRect {
  sessionId: string;
  rect: Rect;
}

/** The draggable line between child `index` and `index + 1` of the split at `path`. */
export interface Divider {
  path: readonly number[];
  index: number;
  direction: SplitDirection;
  rect: Rect;
  /** The split's own rectangle: a drag is measured against it. */
  parent: Rect;
}

/** Narrowest share a pane can be dragged to: it stays visible and grabbable. */
export const MIN_SHARE = 0.05;

export const pane = (sessionId: string): LayoutNode => ({ type: 'pane', sessionId });

/** Session ids in reading order (left to right, top to bottom). */
export function panesOf(node: LayoutNode): string[] {
  return node.type === 'pane' ? [node.sessionId] : node.children.flatMap(panesOf);
}

function evenSizes(count: number): number[] {
  return Array.from({ length: count }, () => 1 / count);
}

function split(direction: SplitDirection, children: LayoutNode[], sizes?: number[]): LayoutNode {
  if (children.length === 1 && children[0]) return children[0];
  return { type: 'split', direction, children, sizes: normalizeSizes(sizes ?? evenSizes(children.length)) };
}

function normalizeSizes(sizes: readonly number[]): number[] {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  return total > 0 ? sizes.map((size) => size / total) : evenSizes(sizes.length);
}

/** N panes tiled as a grid: ceil(sqrt(N)) columns, rows filled left to right, top to bottom. */
export function gridLayout(sessionIds: readonly string[]): LayoutNode {
  if (sessionIds.length === 0) throw new Error('a grid needs at least one pane');
  const columns = Math.ceil(Math.sqrt(sessionIds.length));
  const rows: LayoutNode[] = [];
  for (let start = 0; start < sessionIds.length; start += columns)
    rows.push(split('row', sessionIds.slice(start, start + columns).map(pane)));
  return split('column', rows);
}

/** Takes a pane out; a split left with one child is replaced by it. Null when nothing is left. */
export function removePane(node: LayoutNode, sessionId: string): LayoutNode | null {
  if (node.type === 'pane') return node.sessionId === sessionId ? null : node;
  const kept: { child: LayoutNode; size: number }[] = [];
  node.children.forEach((child, index) => {
    const next = removePane(child, sessionId);
    if (next) kept.push({ child: next, size: node.sizes[index] ?? 0 });
  });
  if (kept.length === 0) return null;
  return split(
    node.direction,
    kept.map((entry) => entry.child),
    kept.map((entry) => entry.size),
  );
}

/**
 * Puts `inserted` next to the pane `targetId`: after it (right or below) or before it. In a split of the
 * same direction it becomes a sibling taking half the target's share; otherwise the target is split.
 * Unknown target: the layout is returned unchanged.
 */
export function insertBeside(
  node: LayoutNode,
  targetId: string,
  inserted: LayoutNode,
  direction: SplitDirection,
  position: 'before' | 'after' = 'after',
): LayoutNode {
  if (node.type === 'pane') {
    if (node.sessionId !== targetId) return node;
    return split(direction, position === 'after' ? [node, inserted] : [inserted, node]);
  }
  const index = node.children.findIndex((child) => child.type === 'pane' && child.sessionId === targetId);
  if (index !== -1 && node.direction === direction) {
    const children = [...node.children];
    const sizes = [...node.sizes];
    const half = (sizes[index] ?? 0) / 2;
    sizes[index] = half;
    const at = position === 'after' ? index + 1 : index;
    children.splice(at, 0, inserted);
    sizes.splice(at, 0, half);
    return { ...node, children, sizes };
  }
  return {
    ...node,
    children: node.children.map((child) => insertBeside(child, targetId, inserted, direction, position)),
  };
}

/** Moves the divider after child `index` of the split at `path` by `delta` (a fraction of that split). */
export function resizeSplit(
  node: LayoutNode,
  path: readonly number[],
  index: number,
  delta: number,
): LayoutNode {
  if (node.type === 'pane') return node;
  if (path.length > 0) {
    const [head, ...rest] = path;
    return {
      ...node,
      children: node.children.map((child, i) =>
        i === head ? resizeSplit(child, rest, index, delta) : child,
      ),
    };
  }
  const a = node.sizes[index];
  const b = node.sizes[index + 1];
  if (a === undefined || b === undefined) return node;
  const clamped = Math.max(MIN_SHARE - a, Math.min(b - MIN_SHARE, delta));
  const sizes = [...node.sizes];
  sizes[index] = a + clamped;
  sizes[index + 1] = b - clamped;
  return { ...node, sizes };
}

/** Where each pane and divider goes; a maximised pane alone fills the tab. */
export function computeRects(
  node: LayoutNode,
  maximized?: string,
): { panes: PaneRect[]; dividers: Divider[] } {
  const whole: Rect = { x: 0, y: 0, w: 1, h: 1 };
  if (maximized !== undefined && panesOf(node).includes(maximized))
    return { panes: [{ sessionId: maximized, rect: whole }], dividers: [] };
  const panes: PaneRect[] = [];
  const dividers: Divider[] = [];
  const walk = (current: LayoutNode, rect: Rect, path: number[]): void => {
    if (current.type === 'pane') {
      panes.push({ sessionId: current.sessionId, rect });
      return;
    }
    let offset = 0;
    current.children.forEach((child, index) => {
      const share = current.sizes[index] ?? 0;
      const childRect: Rect =
        current.direction === 'row'
          ? { x: rect.x + offset * rect.w, y: rect.y, w: share * rect.w, h: rect.h }
          : { x: rect.x, y: rect.y + offset * rect.h, w: rect.w, h: share * rect.h };
      walk(child, childRect, [...path, index]);
      offset += share;
      if (index < current.children.length - 1) {
        dividers.push({
          path,
          index,
          direction: current.direction,
          parent: rect,
          rect:
            current.direction === 'row'
              ? { x: rect.x + offset * rect.w, y: rect.y, w: 0, h: rect.h }
              : { x: rect.x, y: rect.y + offset * rect.h, w: rect.w, h: 0 },
        });
      }
    });
  };
  walk(node, whole, []);
  return { panes, dividers };
}

const EPSILON = 1e-6;

/** The pane next to `from` in a direction: touching its edge, overlapping most, nearest first. */
export function neighbour(node: LayoutNode, from: string, direction: FocusDirection): string | null {
  const { panes } = computeRects(node);
  const origin = panes.find((entry) => entry.sessionId === from)?.rect;
  if (!origin) return null;
  const horizontal = direction === 'left' || direction === 'right';
  const candidates = panes.filter(({ sessionId, rect }) => {
    if (sessionId === from) return false;
    if (direction === 'right') return Math.abs(rect.x - (origin.x + origin.w)) < EPSILON;
    if (direction === 'left') return Math.abs(rect.x + rect.w - origin.x) < EPSILON;
    if (direction === 'down') return Math.abs(rect.y - (origin.y + origin.h)) < EPSILON;
    return Math.abs(rect.y + rect.h - origin.y) < EPSILON;
  });
  const overlap = (rect: Rect): number =>
    horizontal
      ? Math.min(rect.y + rect.h, origin.y + origin.h) - Math.max(rect.y, origin.y)
      : Math.min(rect.x + rect.w, origin.x + origin.w) - Math.max(rect.x, origin.x);
  const best = candidates
    .filter((entry) => overlap(entry.rect) > EPSILON)
    .sort((a, b) => overlap(b.rect) - overlap(a.rect))[0];
  return best?.sessionId ?? null;
}

/** Keeps only panes whose session passes `keep`, each once; repairs sizes. Null when no pane is left. */
export function pruneLayout(node: LayoutNode, keep: (sessionId: string) => boolean): LayoutNode | null {
  const seen = new Set<string>();
  const walk = (current: LayoutNode): LayoutNode | null => {
    if (current.type === 'pane') {
      if (!keep(current.sessionId) || seen.has(current.sessionId)) return null;
      seen.add(current.sessionId);
      return current;
    }
    const kept: { child: LayoutNode; size: number }[] = [];
    current.children.forEach((child, index) => {
      const next = walk(child);
      if (next) kept.push({ child: next, size: current.sizes[index] ?? 0 });
    });
    if (kept.length === 0) return null;
    const untouched =
      kept.length === current.children.length &&
      kept.every((entry, index) => entry.child === current.children[index]);
    if (untouched) return current;
    return split(
      current.direction,
      kept.map((entry) => entry.child),
      kept.map((entry) => entry.size),
    );
  };
  return walk(node);
}
