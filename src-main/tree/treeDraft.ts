import {
  isReservedKey,
  type HostOverlay,
  type HostSettings,
  type ManualHostRecord,
} from '../../src-preload/api';
import { ownRecord, ownValue } from '../common/ownRecord';
import type { StoreData, TreeSection } from '../store/storeSchema';
import type { TreeContext } from './treeContext';
import { TreeMutationError } from './treeErrors';
import { byOrder } from './treeOrder.logic';

/** A private copy of the store's tree that mutations change in place; applied only if all succeed. */
export interface TreeDraft {
  tree: TreeSection;
  layout: StoreData['layout'];
  recentLimit: number;
  createdIds: string[];
  manualById: Map<string, ManualHostRecord>;
}

export function startDraft(data: StoreData): TreeDraft {
  // structuredClone gives records Object.prototype back: the draft's user-keyed records get none.
  const cloned = structuredClone(data.tree);
  const tree = {
    ...cloned,
    hosts: ownRecord(cloned.hosts),
    known: ownRecord(cloned.known),
    ...(cloned.sourceGroups ? { sourceGroups: ownRecord(cloned.sourceGroups) } : {}),
  };
  const layout = structuredClone(data.layout);
  return {
    tree,
    layout: { ...layout, expanded: ownRecord(layout.expanded) },
    recentLimit: data.settings.recentLimit,
    createdIds: [],
    manualById: new Map(tree.manualHosts.map((host) => [host.id, host])),
  };
}

export function requireFolder(draft: TreeDraft, folderId: string, field: string): void {
  if (!draft.tree.folders.some((folder) => folder.id === folderId)) {
    throw new TreeMutationError('NOT_FOUND', `There is no folder ${folderId}.`, field);
  }
}

export function overlayOf(draft: TreeDraft, hostId: string): HostOverlay {
  const existing = ownValue(draft.tree.hosts, hostId);
  if (existing) return existing;
  const created: HostOverlay = {};
  draft.tree.hosts[hostId] = created;
  return created;
}

/** Known to the tree at all: listed by a source, the user's own, or remembered by the overlay. */
export function hostIsKnown(draft: TreeDraft, hostId: string, ctx: TreeContext): boolean {
  if (isReservedKey(hostId)) return false;
  return (
    ctx.listedHost(hostId) !== undefined ||
    draft.manualById.has(hostId) ||
    Object.hasOwn(draft.tree.hosts, hostId) ||
    Object.hasOwn(draft.tree.known, hostId) ||
    draft.tree.favourites.includes(hostId) ||
    draft.tree.recent.some((entry) => entry.hostId === hostId)
  );
}

export function requireHosts(draft: TreeDraft, hostIds: readonly string[], ctx: TreeContext): void {
  for (const hostId of hostIds) {
    if (!hostIsKnown(draft, hostId, ctx)) {
      throw new TreeMutationError('NOT_FOUND', `There is no host ${JSON.stringify(hostId)}.`, 'hostIds');
    }
  }
}

/** Snapshot the identity of a synced host the overlay refers to, so it can be shown if it vanishes. */
export function rememberHost(draft: TreeDraft, hostId: string, ctx: TreeContext): void {
  if (draft.manualById.has(hostId)) return;
  const host = ctx.listedHost(hostId);
  if (!host) return;
  draft.tree.known[hostId] = {
    label: host.label,
    sourceId: host.sourceId,
    ...(host.address ? { address: host.address } : {}),
  };
}

/** Host ids placed in a folder (null: the top of "My folders"), in their order. */
export function hostsInFolder(draft: TreeDraft, folderId: string | null): string[] {
  return Object.entries(draft.tree.hosts)
    .flatMap(([id, overlay]) =>
      overlay.placement && overlay.placement.folderId === folderId
        ? [{ id, order: overlay.placement.order }]
        : [],
    )
    .sort(byOrder)
    .map((entry) => entry.id);
}

export function placeInOrder(draft: TreeDraft, folderId: string | null, orderedIds: readonly string[]): void {
  orderedIds.forEach((id, order) => {
    overlayOf(draft, id).placement = { folderId, order };
  });
}

/** Writes the form's free fields; empty values are removed rather than stored. */
export function setHostFields(
  overlay: HostOverlay,
  fields: { tags: readonly string[]; notes: string; settings: HostSettings },
): void {
  const tags = [...new Set(fields.tags.map((tag) => tag.trim()).filter(Boolean))];
  if (tags.length > 0) overlay.tags = tags;
  else delete overlay.tags;
  if (fields.notes.trim() !== '') overlay.notes = fields.notes;
  else delete overlay.notes;
  const settings = compactSettings(fields.settings);
  if (Object.keys(settings).length > 0) overlay.settings = settings;
  else delete overlay.settings;
}

export function compactSettings(settings: HostSettings): HostSettings {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

export function removeHostEverywhere(draft: TreeDraft, hostId: string): void {
  delete draft.tree.hosts[hostId];
  delete draft.tree.known[hostId];
  draft.tree.favourites = draft.tree.favourites.filter((id) => id !== hostId);
  draft.tree.recent = draft.tree.recent.filter((entry) => entry.hostId !== hostId);
}

export function hostName(draft: TreeDraft, hostId: string, ctx: TreeContext): string {
  return (
    draft.manualById.get(hostId)?.label ??
    ownValue(draft.tree.hosts, hostId)?.label ??
    ctx.listedHost(hostId)?.label ??
    ownValue(draft.tree.known, hostId)?.label ??
    hostId
  );
}
