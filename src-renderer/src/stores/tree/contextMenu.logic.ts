import type { TreeEntry } from './treeEntries.logic';
import type { Area, TreeNodeInfo } from './treeModel.logic';

export type MenuCommand =
  | 'connect'
  | 'connectSplit'
  | 'openGroup'
  | 'runCommand'
  | 'copyAddress'
  | 'copySshCommand'
  | 'edit'
  | 'favourite'
  | 'unfavourite'
  | 'moveTo'
  | 'duplicate'
  | 'removeFromFolders'
  | 'removeFromFavourites'
  | 'removeFromRecent'
  | 'forget'
  | 'newFolder'
  | 'newHost'
  | 'editFolder'
  | 'deleteFolder'
  | 'importSshConfig'
  | 'clearRecent';

export interface MenuItem {
  command: MenuCommand;
  label: string;
  disabled?: boolean;
  /** Why it is disabled, or what it does. */
  title?: string;
  /** Starts a new group in the menu. */
  separatorBefore?: boolean;
  shortcut?: string;
}

const hosts = (n: number) => (n === 1 ? 'host' : `${n} hosts`);

/** The menu for a host row; `targets` are the hosts it acts on (the selection, or the clicked host). */
export function hostMenu(entry: TreeEntry, area: Area, targets: readonly TreeEntry[]): MenuItem[] {
  const n = targets.length;
  const connectable = targets.filter((target) => !target.missing);
  const none = connectable.length === 0 ? { disabled: true, title: 'Missing from its source' } : {};
  const items: MenuItem[] = [
    {
      command: 'connect',
      label: n === 1 ? 'Connect' : `Connect ${hosts(connectable.length)}`,
      shortcut: 'Enter',
      ...none,
    },
    {
      command: 'connectSplit',
      label: n === 1 ? 'Connect in a split' : `Connect ${hosts(connectable.length)} in splits`,
      title: 'Beside the focused pane of the current tab',
      ...none,
    },
    {
      command: 'openGroup',
      label: 'Open selection as a group',
      shortcut: 'Shift+Enter',
      title: 'A tab group tiled as a grid, ready to broadcast',
      ...none,
    },
    {
      command: 'runCommand',
      label: n === 1 ? 'Run command…' : 'Run command on selection…',
      separatorBefore: true,
      ...none,
    },
    {
      command: 'copyAddress',
      label: 'Copy address',
      separatorBefore: true,
      ...(entry.destination ? {} : { disabled: true }),
    },
    { command: 'copySshCommand', label: 'Copy ssh command', ...(entry.missing ? { disabled: true } : {}) },
    {
      command: 'edit',
      label: 'Edit…',
      shortcut: 'F2',
      separatorBefore: true,
      ...(n > 1 ? { disabled: true, title: 'Edit one host at a time' } : {}),
    },
    targets.every((target) => target.favourite)
      ? { command: 'unfavourite', label: 'Remove from favourites' }
      : { command: 'favourite', label: 'Add to favourites' },
    { command: 'moveTo', label: 'Move to folder…' },
    { command: 'duplicate', label: 'Duplicate', ...(n > 1 || entry.missing ? { disabled: true } : {}) },
  ];
  const remove = removeItem(entry, area, targets);
  if (remove) items.push({ ...remove, separatorBefore: true, shortcut: 'Delete' });
  if (area !== 'source' && entry.missing)
    items.push({ command: 'forget', label: `Forget ${n === 1 ? 'this host' : hosts(n)}…` });
  return items;
}

/** What "remove" means where the host is shown. */
export function removeItem(entry: TreeEntry, area: Area, targets: readonly TreeEntry[]): MenuItem | null {
  switch (area) {
    case 'favourites':
      return { command: 'removeFromFavourites', label: 'Remove from favourites' };
    case 'recent':
      return { command: 'removeFromRecent', label: 'Remove from recent' };
    case 'folders': {
      const manual = targets.filter((target) => target.manual).length;
      const label = manual === 0 ? 'Remove from folder' : manual === targets.length ? 'Delete…' : 'Remove…';
      return { command: 'removeFromFolders', label };
    }
    case 'source':
      return entry.originalLabel || entry.placement || entry.notes || entry.tags.length > 0 || entry.favourite
        ? {
            command: 'forget',
            label: 'Forget your changes…',
            title: 'Rename, notes, tags, settings, folder and favourite',
          }
        : null;
  }
}

/** Every branch with hosts below it can run a command on all of them. */
function runHereItem(node: TreeNodeInfo): MenuItem[] {
  return node.hostCount > 0
    ? [
        {
          command: 'runCommand',
          label: `Run command on ${hosts(node.hostCount)} here…`,
          separatorBefore: true,
        },
      ]
    : [];
}

export function branchMenu(node: TreeNodeInfo): MenuItem[] {
  return [...branchItems(node), ...runHereItem(node)];
}

function branchItems(node: TreeNodeInfo): MenuItem[] {
  if (node.kind === 'folder') {
    return [
      { command: 'newFolder', label: 'New folder…' },
      { command: 'newHost', label: 'New host…' },
      { command: 'editFolder', label: 'Edit folder…', shortcut: 'F2', separatorBefore: true },
      { command: 'moveTo', label: 'Move to folder…' },
      { command: 'importSshConfig', label: 'Import ~/.ssh/config here', separatorBefore: true },
      { command: 'deleteFolder', label: 'Delete folder…', separatorBefore: true, shortcut: 'Delete' },
    ];
  }
  if (node.id === 'section:folders') {
    return [
      { command: 'newFolder', label: 'New folder…' },
      { command: 'newHost', label: 'New host…' },
      { command: 'importSshConfig', label: 'Import ~/.ssh/config…', separatorBefore: true },
    ];
  }
  if (node.id === 'section:recent') return [{ command: 'clearRecent', label: 'Clear recent' }];
  // A source's folders (its own branch, NetBox sites, Ansible groups) carry settings like the user's.
  if (node.kind === 'source' || node.kind === 'group')
    return [{ command: 'editFolder', label: 'Folder settings…', shortcut: 'F2' }];
  return [];
}
