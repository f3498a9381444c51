import {
  MANUAL_SOURCE_ID,
  type Host,
  type RequestResult,
  type SourceStatus,
  type TreeOverlay,
} from '../../../../src-preload/api';

/** What the main process told us: every listed host, the sources, and the user's overlay. */
export interface TreeData {
  hosts: readonly Host[];
  sources: readonly SourceStatus[];
  overlay: TreeOverlay;
  /** False until the first tree:get answer, so the tree can say "Loading" rather than "No hosts". */
  loaded: boolean;
}

export const emptyOverlay: TreeOverlay = {
  revision: 0,
  folders: [],
  hosts: {},
  favourites: [],
  recent: [],
  known: {},
  expanded: {},
};

export const initialTreeData: TreeData = { hosts: [], sources: [], overlay: emptyOverlay, loaded: false };

export function treeLoaded(snapshot: RequestResult<'tree:get'>): TreeData {
  return { ...snapshot, loaded: true };
}

/** A tree:changed event: the overlay always, the user's own hosts when they changed. */
export function treeChanged(data: TreeData, overlay: TreeOverlay, manualHosts?: readonly Host[]): TreeData {
  // An event can overtake an older answer or arrive out of order across reconnects: keep the newest.
  if (overlay.revision < data.overlay.revision) return data;
  const current = data.hosts.filter((host) => host.sourceId === MANUAL_SOURCE_ID);
  // The same hosts array when the user's own hosts did not change: unchanged hosts keep their entries.
  if (!manualHosts || JSON.stringify(current) === JSON.stringify(manualHosts)) return { ...data, overlay };
  const others = data.hosts.filter((host) => host.sourceId !== MANUAL_SOURCE_ID);
  return { ...data, overlay, hosts: [...others, ...manualHosts] };
}

/** True when two overlays differ only in what needs no new tree: the revision and remembered expansion. */
export function onlyLayoutDiffers(a: TreeOverlay, b: TreeOverlay): boolean {
  const content = (overlay: TreeOverlay) => JSON.stringify({ ...overlay, revision: 0, expanded: {} });
  return content(a) === content(b);
}
