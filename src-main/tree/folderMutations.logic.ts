import type { TreeMutation } from '../../src-preload/api';
import { ownValue } from '../common/ownRecord';
import type { TreeContext } from './treeContext';
import {
  compactSettings,
  hostsInFolder,
  removeHostEverywhere,
  requireFolder,
  type TreeDraft,
} from './treeDraft';
import { TreeMutationError } from './treeErrors';
import { byOrder, reorder } from './treeOrder.logic';

type Op<K extends TreeMutation['op']> = Extract<TreeMutation, { op: K }>;

function siblingIds(draft: TreeDraft, parentId: string | null, except?: string): string[] {
  return draft.tree.folders
    .filter((folder) => folder.parentId === parentId && folder.id !== except)
    .sort(byOrder)
    .map((folder) => folder.id);
}

function renumber(draft: TreeDraft, ordered: readonly string[]): void {
  const position = new Map(ordered.map((id, index) => [id, index]));
  for (const folder of draft.tree.folders) {
    const order = position.get(folder.id);
    if (order !== undefined) folder.order = order;
  }
}

export function createFolder(draft: TreeDraft, m: Op<'folder.create'>, ctx: TreeContext): void {
  if (m.parentId !== null) requireFolder(draft, m.parentId, 'parentId');
  const id = ctx.newFolderId();
  draft.tree.folders.push({
    id,
    name: m.name,
    parentId: m.parentId,
    order: siblingIds(draft, m.parentId).length,
    settings: compactSettings(m.settings ?? {}),
    ...(m.notes ? { notes: m.notes } : {}),
  });
  draft.createdIds.push(id);
}

export function updateFolder(draft: TreeDraft, m: Op<'folder.update'>): void {
  requireFolder(draft, m.folderId, 'folderId');
  const folder = draft.tree.folders.find((candidate) => candidate.id === m.folderId);
  if (!folder) return;
  folder.name = m.name;
  folder.settings = compactSettings(m.settings);
  if (m.notes.trim() !== '') folder.notes = m.notes;
  else delete folder.notes;
}

/** The folder and everything below it. */
export function folderSubtree(draft: TreeDraft, folderId: string): Set<string> {
  const subtree = new Set([folderId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const folder of draft.tree.folders) {
      if (folder.parentId !== null && subtree.has(folder.parentId) && !subtree.has(folder.id)) {
        subtree.add(folder.id);
        grew = true;
      }
    }
  }
  return subtree;
}

export function moveFolder(draft: TreeDraft, m: Op<'folder.move'>): void {
  requireFolder(draft, m.folderId, 'folderId');
  if (m.parentId !== null) {
    requireFolder(draft, m.parentId, 'parentId');
    if (folderSubtree(draft, m.folderId).has(m.parentId)) {
      throw new TreeMutationError('INVALID_PAYLOAD', 'A folder cannot be moved into itself.', 'parentId');
    }
  }
  const folder = draft.tree.folders.find((candidate) => candidate.id === m.folderId);
  if (!folder) return;
  folder.parentId = m.parentId;
  renumber(draft, reorder(siblingIds(draft, m.parentId, m.folderId), [m.folderId], m.beforeId));
}

/** Subfolders and the user's own hosts in them go; synced hosts merely leave (they stay in their source). */
export function deleteFolder(draft: TreeDraft, m: Op<'folder.delete'>): void {
  requireFolder(draft, m.folderId, 'folderId');
  const parentId = draft.tree.folders.find((folder) => folder.id === m.folderId)?.parentId ?? null;
  const doomed = folderSubtree(draft, m.folderId);
  for (const folderId of doomed) {
    for (const hostId of hostsInFolder(draft, folderId)) {
      if (draft.manualById.has(hostId)) {
        draft.manualById.delete(hostId);
        removeHostEverywhere(draft, hostId);
      } else {
        const overlay = ownValue(draft.tree.hosts, hostId);
        if (overlay) delete overlay.placement;
      }
    }
  }
  draft.tree.manualHosts = draft.tree.manualHosts.filter((host) => draft.manualById.has(host.id));
  draft.tree.folders = draft.tree.folders.filter((folder) => !doomed.has(folder.id));
  renumber(draft, siblingIds(draft, parentId));
}
