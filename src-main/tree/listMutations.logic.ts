import type { TreeMutation } from '../../src-preload/api';
import type { TreeContext } from './treeContext';
import { rememberHost, requireHosts, type TreeDraft } from './treeDraft';
import { TreeMutationError } from './treeErrors';
import { reorder } from './treeOrder.logic';

type Op<K extends TreeMutation['op']> = Extract<TreeMutation, { op: K }>;

/** Beyond this many remembered expand/collapse choices the oldest are dropped. */
const MAX_EXPANDED_ENTRIES = 5_000;

export function setFavourite(draft: TreeDraft, m: Op<'favourite.set'>, ctx: TreeContext): void {
  requireHosts(draft, m.hostIds, ctx);
  const ids = new Set(m.hostIds);
  const others = draft.tree.favourites.filter((id) => !ids.has(id));
  draft.tree.favourites = m.favourite ? [...others, ...ids] : others;
  if (m.favourite) for (const hostId of ids) rememberHost(draft, hostId, ctx);
}

export function moveFavourite(draft: TreeDraft, m: Op<'favourite.move'>): void {
  if (!draft.tree.favourites.includes(m.hostId)) {
    throw new TreeMutationError('NOT_FOUND', 'That host is not a favourite.', 'hostId');
  }
  draft.tree.favourites = reorder(draft.tree.favourites, [m.hostId], m.beforeHostId);
}

export function removeRecent(draft: TreeDraft, m: Op<'recent.remove'>): void {
  const ids = new Set(m.hostIds);
  draft.tree.recent = draft.tree.recent.filter((entry) => !ids.has(entry.hostId));
}

export function clearRecent(draft: TreeDraft): void {
  draft.tree.recent = [];
}

/** Newest first, one entry per host, at most the configured number. */
export function recordRecent(draft: TreeDraft, hostId: string, ctx: TreeContext): void {
  draft.tree.recent = [
    { hostId, at: ctx.now },
    ...draft.tree.recent.filter((entry) => entry.hostId !== hostId),
  ].slice(0, draft.recentLimit);
  rememberHost(draft, hostId, ctx);
}

export function setExpanded(draft: TreeDraft, m: Op<'layout.expand'>): void {
  // The draft's own copy (startDraft), without a prototype: changed in place, not copied per mutation;
  // forgetOldestExpanded trims it once per batch (listing 5,000 keys per mutation cost ~1 ms each).
  const expanded = draft.layout.expanded;
  delete expanded[m.nodeId];
  expanded[m.nodeId] = m.expanded;
}

/** Keeps the newest MAX_EXPANDED_ENTRIES expand/collapse choices. */
export function forgetOldestExpanded(draft: TreeDraft): void {
  const expanded = draft.layout.expanded;
  const keys = Object.keys(expanded);
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_EXPANDED_ENTRIES))) delete expanded[key];
}
