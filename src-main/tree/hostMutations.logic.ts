import { treeFields, type HostSettings, type TreeMutation } from '../../src-preload/api';
import { ownValue } from '../common/ownRecord';
import { sourceSettings } from './inheritance.logic';
import type { TreeContext } from './treeContext';
import {
  hostName,
  hostsInFolder,
  overlayOf,
  placeInOrder,
  rememberHost,
  removeHostEverywhere,
  requireFolder,
  requireHosts,
  setHostFields,
  type TreeDraft,
} from './treeDraft';
import { TreeMutationError } from './treeErrors';
import { reorder } from './treeOrder.logic';

type Op<K extends TreeMutation['op']> = Extract<TreeMutation, { op: K }>;

function checkHostName(ctx: TreeContext, name: string): void {
  const problem = ctx.hostNameProblem(name);
  if (problem)
    throw new TreeMutationError('INVALID_PAYLOAD', `The host name cannot be used: ${problem}.`, 'hostName');
}

function addManualHost(
  draft: TreeDraft,
  ctx: TreeContext,
  host: { label: string; hostName: string; tags: readonly string[]; notes: string; settings: HostSettings },
  folderId: string | null,
  afterId?: string,
): string {
  checkHostName(ctx, host.hostName);
  const id = ctx.newManualHostId();
  const record = { id, label: host.label, hostName: host.hostName };
  draft.tree.manualHosts.push(record);
  draft.manualById.set(id, record);
  setHostFields(overlayOf(draft, id), host);
  const siblings = hostsInFolder(draft, folderId);
  const after = afterId ? siblings.indexOf(afterId) : -1;
  placeInOrder(draft, folderId, reorder(siblings, [id], after === -1 ? null : siblings[after + 1]));
  draft.createdIds.push(id);
  return id;
}

export function createHost(draft: TreeDraft, m: Op<'host.create'>, ctx: TreeContext): void {
  if (m.folderId !== null) requireFolder(draft, m.folderId, 'folderId');
  addManualHost(draft, ctx, m, m.folderId);
}

export function updateHost(draft: TreeDraft, m: Op<'host.update'>, ctx: TreeContext): void {
  requireHosts(draft, [m.hostId], ctx);
  const manual = draft.manualById.get(m.hostId);
  const overlay = overlayOf(draft, m.hostId);
  if (manual) {
    const label = treeFields.label.safeParse(m.label);
    if (!label.success) throw new TreeMutationError('INVALID_PAYLOAD', 'A name is required.', 'label');
    manual.label = label.data;
    if (m.hostName !== undefined) {
      checkHostName(ctx, m.hostName);
      manual.hostName = m.hostName;
    }
  } else {
    if (m.hostName !== undefined) {
      throw new TreeMutationError(
        'INVALID_PAYLOAD',
        `${hostName(draft, m.hostId, ctx)} comes from a source: change its address there.`,
        'hostName',
      );
    }
    const sourceLabel = ctx.listedHost(m.hostId)?.label ?? ownValue(draft.tree.known, m.hostId)?.label;
    if (m.label === '' || m.label === sourceLabel) delete overlay.label;
    else {
      const label = treeFields.label.safeParse(m.label);
      if (!label.success)
        throw new TreeMutationError(
          'INVALID_PAYLOAD',
          label.error.issues[0]?.message ?? 'Invalid name.',
          'label',
        );
      overlay.label = label.data;
    }
    rememberHost(draft, m.hostId, ctx);
  }
  setHostFields(overlay, m);
}

/** ssh-config destinations are aliases (everything in the config keeps applying); others may carry a user@. */
function splitUser(destination: string): { hostName: string; user?: string } {
  const at = destination.lastIndexOf('@');
  return at <= 0
    ? { hostName: destination }
    : { hostName: destination.slice(at + 1), user: destination.slice(0, at) };
}

export function duplicateHost(draft: TreeDraft, m: Op<'host.duplicate'>, ctx: TreeContext): void {
  requireHosts(draft, [m.hostId], ctx);
  const overlay = ownValue(draft.tree.hosts, m.hostId) ?? {};
  const manual = draft.manualById.get(m.hostId);
  const folderId = overlay.placement?.folderId ?? null;
  const base = { tags: overlay.tags ?? [], notes: overlay.notes ?? '' };
  if (manual) {
    addManualHost(
      draft,
      ctx,
      {
        ...base,
        label: copyLabel(manual.label),
        hostName: manual.hostName,
        settings: { ...overlay.settings },
      },
      folderId,
      overlay.placement ? m.hostId : undefined,
    );
    return;
  }
  const listed = ctx.listedHost(m.hostId);
  const destination = ctx.destinationOf(m.hostId);
  if (!listed || destination === undefined) {
    throw new TreeMutationError(
      'NOT_FOUND',
      `${hostName(draft, m.hostId, ctx)} is missing from its source.`,
      'hostId',
    );
  }
  const { hostName: name, user } = splitUser(destination);
  const fromSource = ctx.sourceKind(listed.sourceId) === 'ssh-config' ? {} : sourceSettings(listed);
  addManualHost(
    draft,
    ctx,
    {
      ...base,
      label: copyLabel(overlay.label ?? listed.label),
      hostName: name,
      settings: { ...fromSource, ...(user ? { user } : {}), ...overlay.settings },
    },
    folderId,
    overlay.placement ? m.hostId : undefined,
  );
}

function copyLabel(label: string): string {
  return `${label} (copy)`.slice(0, 200);
}

export function moveHosts(draft: TreeDraft, m: Op<'host.move'>, ctx: TreeContext): void {
  if (m.folderId !== null) requireFolder(draft, m.folderId, 'folderId');
  requireHosts(draft, m.hostIds, ctx);
  const moving = [...new Set(m.hostIds)];
  placeInOrder(draft, m.folderId, reorder(hostsInFolder(draft, m.folderId), moving, m.beforeHostId));
  for (const hostId of moving) rememberHost(draft, hostId, ctx);
}

export function unplaceHosts(draft: TreeDraft, m: Op<'host.unplace'>, ctx: TreeContext): void {
  requireHosts(draft, m.hostIds, ctx);
  for (const hostId of m.hostIds) {
    if (draft.manualById.has(hostId)) {
      throw new TreeMutationError(
        'INVALID_PAYLOAD',
        `${hostName(draft, hostId, ctx)} is one of your own hosts: it always lives in a folder (delete it instead).`,
        'hostIds',
      );
    }
    const overlay = ownValue(draft.tree.hosts, hostId);
    if (overlay) delete overlay.placement;
  }
}

export function deleteHosts(draft: TreeDraft, m: Op<'host.delete'>, ctx: TreeContext): void {
  requireHosts(draft, m.hostIds, ctx);
  for (const hostId of m.hostIds) {
    if (!draft.manualById.has(hostId)) {
      throw new TreeMutationError(
        'INVALID_PAYLOAD',
        `${hostName(draft, hostId, ctx)} comes from a source: remove it there, or forget what you added to it.`,
        'hostIds',
      );
    }
  }
  const doomed = new Set(m.hostIds);
  draft.tree.manualHosts = draft.tree.manualHosts.filter((host) => !doomed.has(host.id));
  for (const hostId of doomed) {
    draft.manualById.delete(hostId);
    removeHostEverywhere(draft, hostId);
  }
}

export function forgetHosts(draft: TreeDraft, m: Op<'host.forget'>, ctx: TreeContext): void {
  requireHosts(draft, m.hostIds, ctx);
  for (const hostId of m.hostIds) {
    if (draft.manualById.has(hostId)) {
      throw new TreeMutationError(
        'INVALID_PAYLOAD',
        `${hostName(draft, hostId, ctx)} is one of your own hosts: delete it instead.`,
        'hostIds',
      );
    }
    removeHostEverywhere(draft, hostId);
  }
}
