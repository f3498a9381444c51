/** Sessions whose terminal rang the bell while their tab was in the background, until the tab is shown. */
export type BellMarks = ReadonlySet<string>;

export const NO_BELLS: BellMarks = new Set();

/** A bell in the shown tab is seen already; only a background tab gets the mark. */
export function bellRang(marks: BellMarks, sessionId: string, activeId: string | null): BellMarks {
  if (sessionId === activeId || marks.has(sessionId)) return marks;
  return new Set([...marks, sessionId]);
}

/** Showing the tab is what the mark asked for. */
export function tabShown(marks: BellMarks, sessionId: string): BellMarks {
  if (!marks.has(sessionId)) return marks;
  const next = new Set(marks);
  next.delete(sessionId);
  return next;
}
