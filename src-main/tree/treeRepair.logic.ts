import { isReservedKey, MANUAL_SOURCE_ID } from '../../src-preload/api';
import { ownRecord, ownValue } from '../common/ownRecord';
import type { TreeSection } from '../store/storeSchema';

/**
 * Makes a tree from a hand-edited file or an import consistent without dropping anything the user
 * made: folders whose parent is gone (or that form a cycle) move to the top, hosts placed in a folder
 * that is gone move to the top, and the user's own hosts always have a place. Says what it changed.
 */
export function repairTree(input: TreeSection): { tree: TreeSection; repairs: string[] } {
  const cloned = structuredClone(input);
  const repairs: string[] = [];
  // User-keyed records without a prototype; ids that name one (an old file, a crafted import) go.
  const tree = { ...cloned, hosts: ownRecord(cloned.hosts), known: ownRecord(cloned.known) };
  const dropped = [...Object.keys(cloned.hosts), ...Object.keys(cloned.known)].filter(isReservedKey);
  tree.favourites = tree.favourites.filter((id) => !isReservedKey(id));
  tree.recent = tree.recent.filter((entry) => !isReservedKey(entry.hostId));
  if (dropped.length > 0 || tree.favourites.length !== cloned.favourites.length) {
    repairs.push('host ids that name an object prototype (__proto__, constructor, prototype) were dropped');
  }

  const seenFolders = new Set<string>();
  tree.folders = tree.folders.filter((folder) => {
    if (seenFolders.has(folder.id)) {
      repairs.push(`a second folder with id ${folder.id} ("${folder.name}") was dropped`);
      return false;
    }
    seenFolders.add(folder.id);
    return true;
  });
  const byId = new Map(tree.folders.map((folder) => [folder.id, folder]));
  for (const folder of tree.folders) {
    if (folder.parentId !== null && !byId.has(folder.parentId)) {
      repairs.push(`folder "${folder.name}" lost its parent and moved to the top`);
      folder.parentId = null;
    }
  }
  for (const folder of tree.folders) {
    const seen = new Set<string>();
    for (let id: string | null = folder.id; id !== null; id = byId.get(id)?.parentId ?? null) {
      if (seen.has(id)) {
        repairs.push(`folder "${folder.name}" was inside itself and moved to the top`);
        folder.parentId = null;
        break;
      }
      seen.add(id);
    }
  }

  const seenHosts = new Set<string>();
  tree.manualHosts = tree.manualHosts.flatMap((host) => {
    const id = host.id.startsWith(`${MANUAL_SOURCE_ID}:`) ? host.id : `${MANUAL_SOURCE_ID}:${host.id}`;
    if (seenHosts.has(id)) {
      repairs.push(`a second host with id ${id} ("${host.label}") was dropped`);
      return [];
    }
    seenHosts.add(id);
    const overlay = ownValue(tree.hosts, host.id);
    if (id !== host.id && overlay) {
      tree.hosts[id] = overlay;
      delete tree.hosts[host.id];
    }
    return [{ ...host, id }];
  });

  for (const [hostId, overlay] of Object.entries(tree.hosts)) {
    const folderId = overlay.placement?.folderId;
    if (overlay.placement && folderId !== null && folderId !== undefined && !byId.has(folderId)) {
      overlay.placement = { folderId: null, order: overlay.placement.order };
      repairs.push(`host ${hostId} was in a folder that no longer exists and moved to the top`);
    }
  }
  for (const host of tree.manualHosts) {
    const overlay = ownValue(tree.hosts, host.id) ?? {};
    tree.hosts[host.id] = overlay;
    overlay.placement ??= { folderId: null, order: Number.MAX_SAFE_INTEGER };
  }
  tree.favourites = [...new Set(tree.favourites)];
  return { tree, repairs };
}
