import type { RequestParams } from '../../../src-preload/api';

export type TerminalSize = Pick<RequestParams<'terminal:attach'>, 'cols' | 'rows'>;

/** Used until a terminal has been measured: a common full-screen size. */
export const FALLBACK_TERMINAL_SIZE: TerminalSize = { cols: 120, rows: 32 };

/** The contract's limits (api.ts TerminalSize). */
const LIMITS = { minCols: 2, maxCols: 1000, minRows: 1, maxRows: 500 } as const;

export function clampTerminalSize(size: TerminalSize): TerminalSize {
  const clamp = (value: number, min: number, max: number): number =>
    Math.min(max, Math.max(min, Math.floor(value)));
  return {
    cols: clamp(size.cols, LIMITS.minCols, LIMITS.maxCols),
    rows: clamp(size.rows, LIMITS.minRows, LIMITS.maxRows),
  };
}

export interface CellSize {
  width: number;
  height: number;
}

/** How many cells fit in an area, for sizing a session before its terminal exists. */
export function estimateTerminalSize(area: { width: number; height: number }, cell: CellSize): TerminalSize {
  if (area.width <= 0 || area.height <= 0 || cell.width <= 0 || cell.height <= 0)
    return FALLBACK_TERMINAL_SIZE;
  return clampTerminalSize({ cols: area.width / cell.width, rows: area.height / cell.height });
}

/**
 * The best guess at the size a new session will be shown at: the last size a visible terminal was fitted
 * to, else an estimate from the terminal area, else the fallback. New sessions then start at their real
 * size and the shell does not redraw on the first fit.
 */
export class TerminalSizeHint {
  private lastFitted: TerminalSize | null = null;
  private measureArea: (() => { width: number; height: number } | null) | null = null;

  constructor(private readonly estimatedCell: CellSize) {}

  remember(size: TerminalSize): void {
    this.lastFitted = clampTerminalSize(size);
  }

  /** The terminal area registers itself so a first session can be sized before any terminal exists. */
  setAreaProbe(probe: (() => { width: number; height: number } | null) | null): void {
    this.measureArea = probe;
  }

  current(): TerminalSize {
    if (this.lastFitted) return this.lastFitted;
    const area = this.measureArea?.();
    return area ? estimateTerminalSize(area, this.estimatedCell) : FALLBACK_TERMINAL_SIZE;
  }
}
