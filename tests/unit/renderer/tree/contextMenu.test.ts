import { describe, expect, it } from 'vitest';
import { branchMenu, hostMenu } from '../../../../src-renderer/src/stores/tree/contextMenu.logic';
import { buildTreeModel } from '../../../../src-renderer/src/stores/tree/treeModel.logic';
import { sampleData } from './treeFixtures';

const model = buildTreeModel(sampleData());
const entry = (hostId: string) => {
  const found = model.entries[model.entryIndexById.get(hostId) ?? -1];
  if (!found) throw new Error(hostId);
  return found;
};
const commands = (items: ReturnType<typeof hostMenu>) =>
  items.map((item) => `${item.command}${item.disabled ? ' (disabled)' : ''}`);

describe('context menus', () => {
  it('offers everything the issue lists, splits and groups included', () => {
    const items = hostMenu(entry('ssh-config:web-2'), 'source', [entry('ssh-config:web-2')]);
    expect(commands(items)).toEqual([
      'connect',
      'connectSplit',
      'openGroup',
      'runCommand',
      'copyAddress',
      'copySshCommand',
      'edit',
      'unfavourite',
      'moveTo',
      'duplicate',
      'forget',
    ]);
    expect(items[2]?.label).toBe('Open selection as a group');
  });

  it('words "remove" for where the host is shown, and counts the selection', () => {
    const two = [entry('manual:bastion'), entry('netbox:db-01')];
    expect(
      hostMenu(entry('manual:bastion'), 'folders', two).find((i) => i.command === 'removeFromFolders')?.label,
    ).toBe('Remove…');
    expect(hostMenu(entry('manual:bastion'), 'folders', [entry('manual:bastion')]).at(-1)?.label).toBe(
      'Delete…',
    );
    expect(
      hostMenu(entry('ssh-config:web-2'), 'favourites', [entry('ssh-config:web-2')]).at(-1)?.command,
    ).toBe('removeFromFavourites');
    expect(hostMenu(entry('netbox:lb-01'), 'recent', [entry('netbox:lb-01')]).at(-1)?.command).toBe(
      'removeFromRecent',
    );
    expect(hostMenu(entry('manual:bastion'), 'folders', two)[0]?.label).toBe('Connect 2 hosts');
    expect(
      hostMenu(entry('manual:bastion'), 'folders', two).find((i) => i.command === 'runCommand')?.label,
    ).toBe('Run command on selection…');
    expect(
      hostMenu(entry('manual:bastion'), 'folders', two).find((i) => i.command === 'edit')?.disabled,
    ).toBe(true);
  });

  it('cannot connect to or duplicate a vanished host, but can forget it', () => {
    const gone = entry('netbox:gone');
    const items = hostMenu(gone, 'folders', [gone]);
    expect(commands(items)).toContain('connect (disabled)');
    expect(commands(items)).toContain('connectSplit (disabled)');
    expect(commands(items)).toContain('openGroup (disabled)');
    expect(commands(items)).toContain('duplicate (disabled)');
    expect(items.at(-1)?.command).toBe('forget');
  });

  it('offers folder work on folders and on My folders', () => {
    const folder = model.nodes[model.nodeIndexById.get('folder:f-prod') ?? -1];
    const section = model.nodes[model.nodeIndexById.get('section:folders') ?? -1];
    if (!folder || !section) throw new Error('fixture');
    expect(branchMenu(folder).map((i) => i.command)).toEqual([
      'newFolder',
      'newHost',
      'editFolder',
      'moveTo',
      'importSshConfig',
      'deleteFolder',
      'runCommand',
    ]);
    expect(branchMenu(folder).at(-1)?.label).toBe(`Run command on ${folder.hostCount} hosts here…`);
    expect(branchMenu(section).map((i) => i.command)).toEqual([
      'newFolder',
      'newHost',
      'importSshConfig',
      'runCommand',
    ]);
  });
});
