import { describeTerminalKey } from './terminalKeys.logic';

export type TerminalMenuAction =
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'find'
  | 'clearScrollback'
  | 'zoomIn'
  | 'zoomOut'
  | 'zoomReset'
  | 'settings'
  | 'reconnect';

export interface TerminalMenuItem {
  action: TerminalMenuAction;
  label: string;
  shortcut?: string;
  disabled?: boolean;
  /** Starts a new group: a separator is drawn above it. */
  groupStart?: boolean;
}

export interface TerminalMenuContext {
  hasSelection: boolean;
  /** The session is disconnected or failed: offer to reconnect it first. */
  canReconnect: boolean;
  isMac: boolean;
}

/** The terminal's right-click menu; every terminal shortcut is reachable here too (UX.md). */
export function terminalMenuItems({
  hasSelection,
  canReconnect,
  isMac,
}: TerminalMenuContext): TerminalMenuItem[] {
  const key = (action: Parameters<typeof describeTerminalKey>[0]): string =>
    describeTerminalKey(action, isMac);
  const items: TerminalMenuItem[] = [];
  if (canReconnect) items.push({ action: 'reconnect', label: 'Reconnect', shortcut: 'R' });
  items.push(
    {
      action: 'copy',
      label: 'Copy',
      shortcut: key('copy'),
      disabled: !hasSelection,
      groupStart: canReconnect,
    },
    { action: 'paste', label: 'Paste', shortcut: key('paste') },
    { action: 'selectAll', label: 'Select all' },
    { action: 'find', label: 'Find…', shortcut: key('find'), groupStart: true },
    { action: 'clearScrollback', label: 'Clear scrollback' },
    { action: 'zoomIn', label: 'Zoom in', shortcut: key('zoomIn'), groupStart: true },
    { action: 'zoomOut', label: 'Zoom out', shortcut: key('zoomOut') },
    { action: 'zoomReset', label: 'Reset zoom', shortcut: key('zoomReset') },
    { action: 'settings', label: 'Terminal settings…', groupStart: true },
  );
  return items;
}

/** Arrow-key movement in a menu: skips disabled items and wraps around, as native menus do. */
export function moveMenuFocus(items: readonly TerminalMenuItem[], current: number, step: 1 | -1): number {
  const count = items.length;
  for (let offset = 1; offset <= count; offset++) {
    const index = (((current + step * offset) % count) + count) % count;
    if (!items[index]?.disabled) return index;
  }
  return current;
}

/** Where a menu opened at (x, y) goes so that all of it stays inside the viewport. */
export function placeMenu(
  at: { x: number; y: number },
  menu: { width: number; height: number },
  viewport: { width: number; height: number },
): { left: number; top: number } {
  const margin = 4;
  const left = at.x + menu.width + margin > viewport.width ? Math.max(margin, at.x - menu.width) : at.x;
  const top =
    at.y + menu.height + margin > viewport.height
      ? Math.max(margin, viewport.height - menu.height - margin)
      : at.y;
  return { left, top };
}
