import { SIDEBAR_WIDTH_LIMITS } from '../../../../src-preload/api';

/** The terminals keep at least this much of the window, however wide the sidebar is dragged. */
export const MIN_WORKSPACE_WIDTH = 320;
/** One arrow key press on the splitter; with Shift, four. */
export const KEYBOARD_STEP = 16;

/** The widest the sidebar may be in a window this wide: the limit, less than the workspace needs. */
export function maxSidebarWidth(windowWidth: number): number {
  return Math.max(
    SIDEBAR_WIDTH_LIMITS.min,
    Math.min(SIDEBAR_WIDTH_LIMITS.max, windowWidth - MIN_WORKSPACE_WIDTH),
  );
}

/** A width the sidebar can take: whole pixels within the limits and the window. */
export function clampSidebarWidth(width: number, windowWidth: number): number {
  if (!Number.isFinite(width)) return SIDEBAR_WIDTH_LIMITS.min;
  return Math.min(maxSidebarWidth(windowWidth), Math.max(SIDEBAR_WIDTH_LIMITS.min, Math.round(width)));
}

export interface SplitterKey {
  key: string;
  shiftKey: boolean;
}

/**
 * What a key does on the splitter (WAI-ARIA window splitter): arrows move the edge, Home and End go to
 * the narrowest and widest, Enter hides the sidebar. null: the key is not the splitter's.
 */
export function splitterKeyAction(
  key: SplitterKey,
  width: number,
  windowWidth: number,
): { width: number } | 'hide' | null {
  const step = key.shiftKey ? KEYBOARD_STEP * 4 : KEYBOARD_STEP;
  switch (key.key) {
    case 'ArrowLeft':
      return { width: clampSidebarWidth(width - step, windowWidth) };
    case 'ArrowRight':
      return { width: clampSidebarWidth(width + step, windowWidth) };
    case 'Home':
      return { width: SIDEBAR_WIDTH_LIMITS.min };
    case 'End':
      return { width: maxSidebarWidth(windowWidth) };
    case 'Enter':
      return 'hide';
    default:
      return null;
  }
}
