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
  | 'logFolder'
  | 'reconnect';

/** In the shape of the app's Menu component (components/Menu), with the action as its id. */
export interface TerminalMenuItem {
  id: TerminalMenuAction;
  label: string;
  shortcut?: string;
  disabled?: boolean;
  /** Starts a new group: a separator is drawn above it. */
  separatorBefore?: boolean;
}

export interface TerminalMenuContext {
  hasSelection: boolean;
  /** The session is disconnected or failed: offer to reconnect it first. */
  canReconnect: boolean;
  /** The session writes a log (host or folder setting): offer its folder. */
  hasLog?: boolean;
  isMac: boolean;
}

/** The terminal's right-click menu; every terminal shortcut is reachable here too (UX.md). */
export function terminalMenuItems({
  hasSelection,
  canReconnect,
  hasLog = false,
  isMac,
}: TerminalMenuContext): TerminalMenuItem[] {
  const key = (action: Parameters<typeof describeTerminalKey>[0]): string =>
    describeTerminalKey(action, isMac);
  const items: TerminalMenuItem[] = [];
  if (canReconnect) items.push({ id: 'reconnect', label: 'Reconnect', shortcut: 'R' });
  items.push(
    {
      id: 'copy',
      label: 'Copy',
      shortcut: key('copy'),
      disabled: !hasSelection,
      separatorBefore: canReconnect,
    },
    { id: 'paste', label: 'Paste', shortcut: key('paste') },
    { id: 'selectAll', label: 'Select all' },
    { id: 'find', label: 'Find…', shortcut: key('find'), separatorBefore: true },
    { id: 'clearScrollback', label: 'Clear scrollback' },
    { id: 'zoomIn', label: 'Zoom in', shortcut: key('zoomIn'), separatorBefore: true },
    { id: 'zoomOut', label: 'Zoom out', shortcut: key('zoomOut') },
    { id: 'zoomReset', label: 'Reset zoom', shortcut: key('zoomReset') },
    { id: 'settings', label: 'Terminal settings…', separatorBefore: true },
  );
  if (hasLog) items.push({ id: 'logFolder', label: 'Open log folder' });
  return items;
}
