import { GROUP_COLORS, type GroupColor, type SessionInfo } from '../../../../src-preload/api';
import type { MenuEntry } from '../Menu/Menu';
import type { Group, Tab, Workspace } from '../../stores/workspace/workspace.logic';

/** "Share with agents" for the tab's focused session: only a human's session in tmux can be shared. */
export function agentShareEntry(session: SessionInfo | undefined): MenuEntry {
  if (session?.sharedWithAgents)
    return {
      id: 'unshareAgents',
      label: 'Stop sharing with agents',
      title: 'Agents (muxdeck mcp) no longer see or type into this session',
    };
  const why =
    session === undefined
      ? 'The session is not running'
      : session.agent
        ? `An agent’s own session (${session.agent.client})`
        : session.mode === 'direct'
          ? 'Runs without tmux: agents cannot reach it'
          : undefined;
  return {
    id: 'shareAgents',
    label: 'Share with agents',
    title: why ?? 'Agents (muxdeck mcp) may see and type into this session, until you stop sharing',
    ...(why ? { disabled: true } : {}),
  };
}

/**
 * The tab's context menu; `move-to:<group id>` entries join an existing group. `focused`: the focused
 * pane's session: its log folder (when it writes one) and sharing it with agents.
 */
export function tabMenu(tab: Tab, ws: Workspace, focused?: SessionInfo): MenuEntry[] {
  const others = ws.groups.filter((group) => group.id !== tab.groupId);
  const logged = focused?.logFile !== undefined;
  return [
    { id: 'rename', label: 'Rename tab…', shortcut: 'F2' },
    { id: 'duplicate', label: 'Duplicate', shortcut: 'Ctrl+Shift+T' },
    { id: 'splitRight', label: 'Split right', shortcut: 'Ctrl+Shift+D' },
    { id: 'splitDown', label: 'Split down', shortcut: 'Ctrl+Shift+E' },
    {
      id: 'logFolder',
      label: 'Open log folder',
      ...(logged
        ? {}
        : { disabled: true, title: 'Turn on Session logging in the host’s or folder’s settings' }),
    },
    agentShareEntry(focused),
    { id: 'newGroup', label: 'Add to new group', separatorBefore: true },
    ...others.map((group) => ({ id: `move-to:${group.id}`, label: `Add to group “${group.name}”` })),
    ...(tab.groupId ? [{ id: 'leaveGroup', label: 'Remove from group' }] : []),
    { id: 'close', label: 'Close tab', separatorBefore: true, shortcut: 'Ctrl+Shift+W' },
    { id: 'closeOthers', label: 'Close other tabs', ...(ws.tabs.length < 2 ? { disabled: true } : {}) },
  ];
}

export const COLOR_NAMES: Record<GroupColor, string> = {
  blue: 'Blue',
  green: 'Green',
  orange: 'Orange',
  purple: 'Purple',
  red: 'Red',
  teal: 'Teal',
  pink: 'Pink',
  grey: 'Grey',
};

/** The group chip's menu; `color:<name>` entries recolour it. */
export function groupMenu(group: Group, opensAs: 'grid' | 'tabs', broadcasting: boolean): MenuEntry[] {
  return [
    { id: 'rename', label: 'Rename group…', shortcut: 'F2' },
    {
      id: 'broadcast',
      label: broadcasting ? 'Stop broadcast' : 'Broadcast to group',
      shortcut: 'Ctrl+Shift+B',
    },
    { id: 'collapse', label: group.collapsed ? 'Expand group' : 'Collapse group' },
    {
      id: 'runCommand',
      label: 'Run command on group…',
      title: 'Once on each of the group’s hosts, with a results grid',
    },
    ...GROUP_COLORS.map((color, index) => ({
      id: `color:${color}`,
      label: `${group.color === color ? '✓ ' : ''}${COLOR_NAMES[color]}`,
      ...(index === 0 ? { separatorBefore: true } : {}),
    })),
    {
      id: 'opensAs',
      label: opensAs === 'grid' ? 'Open new groups as one tab per host' : 'Open new groups as one tiled tab',
      separatorBefore: true,
      title: 'How “Open selection as group” lays out hosts (also in Settings)',
    },
    { id: 'ungroup', label: 'Ungroup', separatorBefore: true },
    { id: 'close', label: 'Close group' },
  ];
}
