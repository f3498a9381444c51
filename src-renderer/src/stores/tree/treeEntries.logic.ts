import {
  MANUAL_SOURCE_ID,
  selfJumpMessage,
  type Host,
  type HostOverlayView,
  type HostSourceKind,
  type Placement,
} from '../../../../src-preload/api';
import type { TreeData } from './treeData';

/** One host as the tree shows it: the listed host with the user's overlay applied, or a vanished one. */
export interface TreeEntry {
  hostId: string;
  host: Host;
  /** The user's name for it (a rename), else the source's. The treeitem's accessible name. */
  label: string;
  /** The source's own label, when the user renamed the host. */
  originalLabel?: string;
  /** user@address:port as ssh will use it. */
  destination: string;
  user?: string;
  sourceId: string;
  sourceLabel: string;
  sourceKind?: HostSourceKind;
  tags: readonly string[];
  notes?: string;
  placement?: Placement;
  favourite: boolean;
  manual: boolean;
  /** Its source no longer lists it; the user's folders, favourites and notes keep it. */
  missing: boolean;
  problem?: string;
}

/** Looks entries up by host id; listed hosts and vanished ones are indexed apart (see buildEntries). */
export interface EntryIndex {
  get(hostId: string): number | undefined;
  has(hostId: string): boolean;
}

export interface TreeEntries {
  entries: TreeEntry[];
  indexById: EntryIndex;
  /** Entries [0, listedCount) are the listed hosts, in data.hosts order; vanished ones follow. */
  listedCount: number;
  listedIndex: ReadonlyMap<string, number>;
}

/** The entries built for the data before a change, so unchanged hosts keep their entry objects. */
export interface PreviousEntries {
  data: TreeData;
  entries: TreeEntries;
}

export function formatDestination(
  address: string | undefined,
  user: string | undefined,
  port: number | undefined,
): string {
  if (!address) return '';
  return `${user ? `${user}@` : ''}${address}${port !== undefined && port !== 22 ? `:${port}` : ''}`;
}

// Every entry has the same shape (absent fields are undefined, not missing): 50,000 of them are built
// per change, and uniform objects keep that fast.
function entryFor(
  host: Host,
  overlay: HostOverlayView | undefined,
  favourites: ReadonlySet<string>,
  source: { label: string; kind: HostSourceKind | undefined },
  missing: boolean,
): TreeEntry {
  const manual = host.sourceId === MANUAL_SOURCE_ID;
  const user = overlay?.effectiveUser ?? host.user;
  const port = overlay?.effectivePort ?? host.port;
  const renamed = !manual && overlay?.label !== undefined && overlay.label !== host.label;
  return {
    hostId: host.id,
    host,
    label: renamed && overlay?.label ? overlay.label : host.label,
    originalLabel: renamed ? host.label : undefined,
    destination: formatDestination(host.address, user, port),
    user,
    sourceId: host.sourceId,
    sourceLabel: source.label,
    sourceKind: source.kind,
    tags: overlay?.tags ?? NO_TAGS,
    notes: overlay?.notes,
    placement: overlay?.placement,
    favourite: favourites.has(host.id),
    manual,
    missing,
    problem: host.problem ?? (overlay?.selfJump ? selfJumpMessage(overlay.selfJump) : undefined),
  };
}

const NO_TAGS: readonly string[] = [];

/** Host ids whose overlay entry or favourite flag differs between two overlays. */
function changedHostIds(before: TreeData['overlay'], after: TreeData['overlay']): Set<string> {
  const changed = new Set<string>();
  for (const id of new Set([...Object.keys(before.hosts), ...Object.keys(after.hosts)])) {
    const a = before.hosts[id];
    const b = after.hosts[id];
    if (a !== b && (a === undefined || b === undefined || JSON.stringify(a) !== JSON.stringify(b)))
      changed.add(id);
  }
  const was = new Set(before.favourites);
  const is = new Set(after.favourites);
  for (const id of was) if (!is.has(id)) changed.add(id);
  for (const id of is) if (!was.has(id)) changed.add(id);
  return changed;
}

function sameSources(a: TreeData['sources'], b: TreeData['sources']): boolean {
  return (
    a === b ||
    (a.length === b.length &&
      a.every(
        (source, i) => source.id === b[i]?.id && source.label === b[i]?.label && source.kind === b[i]?.kind,
      ))
  );
}

/**
 * Every listed host once, then every host the overlay still refers to that no source lists any more
 * (shown greyed where the user put it, never silently dropped). When only the overlay changed (a
 * favourite, a rename: one host of 50,000), the previous entries are kept and only changed hosts rebuilt.
 */
export function buildEntries(data: TreeData, previous?: PreviousEntries): TreeEntries {
  const { overlay } = data;
  const sources = new Map(data.sources.map((source) => [source.id, source]));
  const favourites = new Set(overlay.favourites);
  const sourceInfo = new Map<string, { label: string; kind: HostSourceKind | undefined }>();
  const sourceOf = (sourceId: string) => {
    let info = sourceInfo.get(sourceId);
    if (!info) {
      const source = sources.get(sourceId);
      info = { label: source?.label ?? sourceId, kind: source?.kind };
      sourceInfo.set(sourceId, info);
    }
    return info;
  };

  let entries: TreeEntry[];
  let listedIndex: ReadonlyMap<string, number>;
  if (previous && previous.data.hosts === data.hosts && sameSources(previous.data.sources, data.sources)) {
    entries = previous.entries.entries.slice(0, previous.entries.listedCount);
    listedIndex = previous.entries.listedIndex;
    for (const hostId of changedHostIds(previous.data.overlay, overlay)) {
      const index = listedIndex.get(hostId);
      const old = index === undefined ? undefined : entries[index];
      if (index === undefined || !old) continue;
      entries[index] = entryFor(old.host, overlay.hosts[hostId], favourites, sourceOf(old.sourceId), false);
    }
  } else {
    entries = [];
    const index = new Map<string, number>();
    for (const host of data.hosts) {
      if (index.has(host.id)) continue;
      index.set(host.id, entries.length);
      entries.push(entryFor(host, overlay.hosts[host.id], favourites, sourceOf(host.sourceId), false));
    }
    listedIndex = index;
  }
  const listedCount = entries.length;

  const vanished = new Map<string, number>();
  const referenced = [
    ...overlay.favourites,
    ...Object.keys(overlay.hosts).filter((id) => overlay.hosts[id]?.placement),
    ...overlay.recent.map((entry) => entry.hostId),
  ];
  for (const hostId of referenced) {
    if (listedIndex.has(hostId) || vanished.has(hostId)) continue;
    const known = overlay.known[hostId];
    const sourceId = known?.sourceId ?? hostId.slice(0, Math.max(0, hostId.indexOf(':')));
    const placeholder: Host = {
      id: hostId,
      label: known?.label ?? hostId.slice(hostId.indexOf(':') + 1),
      ...(known?.address ? { address: known.address } : {}),
      sourceId,
      groups: [],
    };
    vanished.set(hostId, entries.length);
    entries.push(entryFor(placeholder, overlay.hosts[hostId], favourites, sourceOf(sourceId), true));
  }
  const indexById: EntryIndex = {
    get: (hostId) => listedIndex.get(hostId) ?? vanished.get(hostId),
    has: (hostId) => listedIndex.has(hostId) || vanished.has(hostId),
  };
  return { entries, indexById, listedCount, listedIndex };
}
