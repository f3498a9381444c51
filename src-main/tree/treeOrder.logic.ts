/**
 * Moves `moving` (in their given order) into `ordered` before `beforeId`, or to the end when it is
 * absent or not among the others. The result's index is the new order: callers renumber 0..n-1, so
 * orders never run out of room between neighbours.
 */
export function reorder(
  ordered: readonly string[],
  moving: readonly string[],
  beforeId?: string | null,
): string[] {
  const movingSet = new Set(moving);
  const rest = ordered.filter((id) => !movingSet.has(id));
  const at = beforeId && !movingSet.has(beforeId) ? rest.indexOf(beforeId) : -1;
  if (at === -1) return [...rest, ...moving];
  return [...rest.slice(0, at), ...moving, ...rest.slice(at)];
}

export function byOrder<T extends { order: number }>(a: T, b: T): number {
  return a.order - b.order;
}
