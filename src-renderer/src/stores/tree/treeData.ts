import type { Host, RequestResult, SourceStatus, TreeOverlay } from '../../../../src-preload/api';

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
  if (!manualHosts) return { ...data, overlay };
  const others = data.hosts.filter((host) => host.sourceId !== 'manual');
  return { ...data, overlay, hosts: [...others, ...manualHosts] };
}
