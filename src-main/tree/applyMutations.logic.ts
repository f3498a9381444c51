import type { TreeMutation } from '../../src-preload/api';
import type { StoreData } from '../store/storeSchema';
import { createFolder, deleteFolder, moveFolder, updateFolder } from './folderMutations.logic';
import {
  createHost,
  deleteHosts,
  duplicateHost,
  forgetHosts,
  moveHosts,
  unplaceHosts,
  updateHost,
} from './hostMutations.logic';
import {
  clearRecent,
  forgetOldestExpanded,
  moveFavourite,
  recordRecent,
  removeRecent,
  setExpanded,
  setFavourite,
} from './listMutations.logic';
import { updateSourceGroup } from './sourceGroupMutations.logic';
import type { TreeContext } from './treeContext';
import { startDraft, type TreeDraft } from './treeDraft';
import { TreeMutationError } from './treeErrors';

/** A mutation that failed, and which one (its index in the batch). */
export class BatchMutationError extends Error {
  constructor(
    readonly index: number,
    readonly failure: TreeMutationError,
  ) {
    super(failure.message);
    this.name = 'BatchMutationError';
  }
}

function applyOne(draft: TreeDraft, m: TreeMutation, ctx: TreeContext): void {
  switch (m.op) {
    case 'folder.create':
      return createFolder(draft, m, ctx);
    case 'folder.update':
      return updateFolder(draft, m);
    case 'folder.move':
      return moveFolder(draft, m);
    case 'folder.delete':
      return deleteFolder(draft, m);
    case 'host.create':
      return createHost(draft, m, ctx);
    case 'host.update':
      return updateHost(draft, m, ctx);
    case 'host.duplicate':
      return duplicateHost(draft, m, ctx);
    case 'host.move':
      return moveHosts(draft, m, ctx);
    case 'host.unplace':
      return unplaceHosts(draft, m, ctx);
    case 'host.delete':
      return deleteHosts(draft, m, ctx);
    case 'host.forget':
      return forgetHosts(draft, m, ctx);
    case 'favourite.set':
      return setFavourite(draft, m, ctx);
    case 'favourite.move':
      return moveFavourite(draft, m);
    case 'recent.remove':
      return removeRecent(draft, m);
    case 'recent.clear':
      return clearRecent(draft);
    case 'layout.expand':
      return setExpanded(draft, m);
    case 'sourceGroup.update':
      return updateSourceGroup(draft, m);
  }
}

/** Applies a batch all-or-nothing: the store's data is untouched unless every mutation succeeds. */
export function applyMutations(
  data: StoreData,
  mutations: readonly TreeMutation[],
  ctx: TreeContext,
): { data: StoreData; createdIds: string[] } {
  const draft = startDraft(data);
  mutations.forEach((mutation, index) => {
    try {
      applyOne(draft, mutation, ctx);
    } catch (error) {
      if (error instanceof TreeMutationError) throw new BatchMutationError(index, error);
      throw error;
    }
  });
  return { data: finishDraft(data, draft), createdIds: draft.createdIds };
}

export function recordConnection(data: StoreData, hostId: string, ctx: TreeContext): StoreData {
  const draft = startDraft(data);
  recordRecent(draft, hostId, ctx);
  return finishDraft(data, draft);
}

/** Drops overlay entries that say nothing, and identities nothing refers to any more. */
export function finishDraft(data: StoreData, draft: TreeDraft): StoreData {
  const { tree } = draft;
  forgetOldestExpanded(draft);
  for (const [hostId, overlay] of Object.entries(tree.hosts)) {
    if (!draft.manualById.has(hostId) && Object.values(overlay).every((value) => value === undefined)) {
      delete tree.hosts[hostId];
    }
  }
  const referenced = new Set([
    ...Object.keys(tree.hosts),
    ...tree.favourites,
    ...tree.recent.map((r) => r.hostId),
  ]);
  for (const hostId of Object.keys(tree.known)) {
    if (!referenced.has(hostId) || draft.manualById.has(hostId)) delete tree.known[hostId];
  }
  return { ...data, tree, layout: draft.layout };
}
