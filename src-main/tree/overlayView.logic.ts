import {
  jumpsThroughItself,
  type Host,
  type HostOverlayView,
  type HostSourceKind,
  type TreeOverlay,
} from '../../src-preload/api';
import { ownRecord, ownValue } from '../common/ownRecord';
import type { StoreData } from '../store/storeSchema';
import { effectiveHost, folderMap } from './hostEffective.logic';
import { hostLayers, resolveSettings } from './inheritance.logic';

export interface ListedHosts {
  byId: ReadonlyMap<string, Host>;
  sourceKinds: ReadonlyMap<string, HostSourceKind>;
  sourceLabels: ReadonlyMap<string, string>;
}

/** The overlay as the renderer needs it: the stored one plus, per host, the user/port ssh will use. */
export function overlayView(data: StoreData, revision: number, listed: ListedHosts): TreeOverlay {
  const { tree } = data;
  const folders = folderMap(tree);
  const hosts = ownRecord<HostOverlayView>();
  for (const [hostId, overlay] of Object.entries(tree.hosts)) {
    const host = listed.byId.get(hostId);
    const resolved = host
      ? effectiveHost({
          tree,
          folders,
          host,
          sourceKind: listed.sourceKinds.get(host.sourceId) ?? 'manual',
          sourceLabel: listed.sourceLabels.get(host.sourceId),
        }).resolved
      : resolveSettings(
          hostLayers({ own: overlay.settings, folders, folderId: overlay.placement?.folderId ?? null }),
        );
    hosts[hostId] = {
      ...overlay,
      ...(resolved.user ? { effectiveUser: resolved.user.value } : {}),
      ...(resolved.port ? { effectivePort: resolved.port.value } : {}),
      ...(host && jumpsThroughItself(host, resolved.jumpHost?.value)
        ? { selfJump: resolved.jumpHost?.value }
        : {}),
    };
  }
  markSelfJumpsFromSourceFolders(data, listed, hosts);
  return {
    revision,
    folders: tree.folders,
    hosts,
    favourites: tree.favourites,
    recent: tree.recent,
    known: tree.known,
    expanded: data.layout.expanded,
    ...(tree.sourceGroups ? { sourceGroups: tree.sourceGroups } : {}),
  };
}

/**
 * A jump host set on a source folder (a NetBox site) reaches hosts the user never touched, which have no
 * overlay entry: those that would jump through themselves get one in the view, so the tree marks them too.
 */
function markSelfJumpsFromSourceFolders(
  data: StoreData,
  listed: ListedHosts,
  hosts: Record<string, HostOverlayView>,
): void {
  const { tree } = data;
  const groups = Object.values(tree.sourceGroups ?? {});
  if (!groups.some((group) => group.settings.jumpHost !== undefined)) return;
  const folders = folderMap(tree);
  for (const [hostId, host] of listed.byId) {
    if (ownValue(hosts, hostId)) continue;
    const sourceKind = listed.sourceKinds.get(host.sourceId) ?? 'manual';
    if (sourceKind === 'manual') continue;
    const jump = effectiveHost({
      tree,
      folders,
      host,
      sourceKind,
      sourceLabel: listed.sourceLabels.get(host.sourceId),
    }).resolved.jumpHost?.value;
    if (jumpsThroughItself(host, jump) && jump) hosts[hostId] = { selfJump: jump };
  }
}

/** Refreshes the remembered identity of every referenced host its source lists; the same object if nothing changed. */
export function refreshKnown(data: StoreData, byId: ReadonlyMap<string, Host>): StoreData {
  const { tree } = data;
  const manual = new Set(tree.manualHosts.map((host) => host.id));
  const referenced = new Set([
    ...Object.keys(tree.hosts),
    ...tree.favourites,
    ...tree.recent.map((r) => r.hostId),
  ]);
  let known: StoreData['tree']['known'] | undefined;
  for (const hostId of referenced) {
    const host = byId.get(hostId);
    if (!host || manual.has(hostId)) continue;
    const current = ownValue(tree.known, hostId);
    if (
      current &&
      current.label === host.label &&
      current.address === host.address &&
      current.sourceId === host.sourceId
    ) {
      continue;
    }
    known ??= ownRecord(tree.known);
    known[hostId] = {
      label: host.label,
      sourceId: host.sourceId,
      ...(host.address ? { address: host.address } : {}),
    };
  }
  return known ? { ...data, tree: { ...tree, known } } : data;
}
