import { MANUAL_SOURCE_ID, type HostOverlay, type TreeExportDocument } from '../../src-preload/api';
import type { TreeSection } from '../store/storeSchema';
import { ownRecord, ownValue } from '../common/ownRecord';
import { repairTree } from './treeRepair.logic';

export function exportTree(tree: TreeSection, now: number): TreeExportDocument {
  return {
    format: 'muxdeck-tree',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    folders: tree.folders,
    manualHosts: tree.manualHosts,
    hosts: tree.hosts,
    favourites: tree.favourites,
    known: tree.known,
  };
}

export interface ImportContext {
  newFolderId(): string;
  newManualHostId(): string;
  hostNameProblem(name: string): string | undefined;
}

export interface ImportOutcome {
  tree: TreeSection;
  folders: number;
  hosts: number;
}

/**
 * replace: the document becomes the tree (recent stays: it is this machine's history).
 * merge: the document's folders and own hosts are added with fresh ids (nothing existing is
 * overwritten), what it says about synced hosts fills in only what the user has not said here.
 */
export function importTree(
  current: TreeSection,
  doc: TreeExportDocument,
  mode: 'merge' | 'replace',
  ctx: ImportContext,
): ImportOutcome {
  const manualHosts = doc.manualHosts.filter((host) => ctx.hostNameProblem(host.hostName) === undefined);
  if (mode === 'replace') {
    const keep = new Set(manualHosts.map((host) => host.id));
    const hosts = ownRecord(
      Object.entries(doc.hosts).filter(([id]) => !id.startsWith(`${MANUAL_SOURCE_ID}:`) || keep.has(id)),
    );
    const { tree } = repairTree({
      folders: doc.folders,
      manualHosts,
      hosts,
      favourites: doc.favourites,
      recent: current.recent,
      known: doc.known,
    });
    return { tree, folders: doc.folders.length, hosts: Object.keys(hosts).length };
  }

  const cloned = structuredClone(current);
  // A shared export file is hostile input: its ids only ever key records without a prototype.
  const tree = { ...cloned, hosts: ownRecord(cloned.hosts), known: ownRecord(cloned.known) };
  const folderIds = new Map(doc.folders.map((folder) => [folder.id, ctx.newFolderId()]));
  const hostIds = new Map(manualHosts.map((host) => [host.id, ctx.newManualHostId()]));
  const mapFolder = (id: string | null) => (id === null ? null : (folderIds.get(id) ?? null));
  // Imported top-level items go after the existing ones.
  const rootFolderOffset = tree.folders.filter((f) => f.parentId === null).length;
  const rootHostOffset = Object.values(tree.hosts).filter((o) => o.placement?.folderId === null).length;

  for (const folder of doc.folders) {
    const parentId = mapFolder(folder.parentId);
    tree.folders.push({
      ...folder,
      id: folderIds.get(folder.id) ?? ctx.newFolderId(),
      parentId,
      order: parentId === null ? rootFolderOffset + folder.order : folder.order,
    });
  }
  for (const host of manualHosts) tree.manualHosts.push({ ...host, id: hostIds.get(host.id) ?? host.id });

  let hosts = 0;
  for (const [id, overlay] of Object.entries(doc.hosts)) {
    const manual = id.startsWith(`${MANUAL_SOURCE_ID}:`);
    const targetId = manual ? hostIds.get(id) : id;
    if (!targetId) continue;
    hosts++;
    const placement = overlay.placement && {
      folderId: mapFolder(overlay.placement.folderId),
      order: overlay.placement.order + (mapFolder(overlay.placement.folderId) === null ? rootHostOffset : 0),
    };
    const incoming: HostOverlay = { ...overlay, ...(placement ? { placement } : {}) };
    tree.hosts[targetId] = mergeOverlay(ownValue(tree.hosts, targetId), incoming);
  }
  const mapHost = (id: string) => (id.startsWith(`${MANUAL_SOURCE_ID}:`) ? hostIds.get(id) : id);
  tree.favourites = [...new Set([...tree.favourites, ...doc.favourites.flatMap((id) => mapHost(id) ?? [])])];
  for (const [id, known] of Object.entries(doc.known)) tree.known[id] = ownValue(tree.known, id) ?? known;
  return { tree: repairTree(tree).tree, folders: doc.folders.length, hosts };
}

function mergeOverlay(existing: HostOverlay | undefined, incoming: HostOverlay): HostOverlay {
  if (!existing) return incoming;
  const tags = [...new Set([...(existing.tags ?? []), ...(incoming.tags ?? [])])];
  return {
    ...incoming,
    ...existing,
    ...(tags.length > 0 ? { tags } : {}),
    settings: { ...incoming.settings, ...existing.settings },
  };
}
