import {
  MANUAL_SOURCE_ID,
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

export interface TreeEntries {
  entries: TreeEntry[];
  indexById: Map<string, number>;
}

export function formatDestination(address: string | undefined, user: string | undefined, port: number | undefined): string {
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
    problem: host.problem,
  };
}

const NO_TAGS: readonly string[] = [];

/**
 * Every listed host once, then every host the overlay still refers to that no source lists any more
 * (shown greyed where the user put it, never silently dropped).
 */
export function buildEntries(data: TreeData): TreeEntries {
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
  const entries: TreeEntry[] = [];
  const indexById = new Map<string, number>();
  for (const host of data.hosts) {
    if (indexById.has(host.id)) continue;
    indexById.set(host.id, entries.length);
    entries.push(entryFor(host, overlay.hosts[host.id], favourites, sourceOf(host.sourceId), false));
  }
  const hostsWithOverlay = Object.keys(overlay.hosts);
  const referenced = [
    ...overlay.favourites,
    ...hostsWithOverlay.filter((id) => overlay.hosts[id]?.placement),
    ...overlay.recent.map((entry) => entry.hostId),
  ];
  for (const hostId of referenced) {
    if (indexById.has(hostId)) continue;
    const known = overlay.known[hostId];
    const sourceId = known?.sourceId ?? hostId.slice(0, Math.max(0, hostId.indexOf(':'))) ?? '';
    const placeholder: Host = {
      id: hostId,
      label: known?.label ?? hostId.slice(hostId.indexOf(':') + 1),
      ...(known?.address ? { address: known.address } : {}),
      sourceId,
      groups: [],
    };
    indexById.set(hostId, entries.length);
    entries.push(entryFor(placeholder, overlay.hosts[hostId], favourites, sourceOf(sourceId), true));
  }
  return { entries, indexById };
}
