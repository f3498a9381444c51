import { MANUAL_SOURCE_ID, type SourceStatus, type TreeFolder } from '../../../../src-preload/api';
import type { TreeData } from './treeData';
import {
  buildEntries,
  type EntryIndex,
  type PreviousEntries,
  type TreeEntries,
  type TreeEntry,
} from './treeEntries.logic';

export type NodeKind = 'section' | 'folder' | 'source' | 'group' | 'host';
/** Which part of the tree a node is in: decides what a context menu offers and what a drop means. */
export type Area = 'favourites' | 'recent' | 'folders' | 'source';

export interface TreeNodeInfo {
  id: string;
  kind: NodeKind;
  area: Area;
  /** aria-level: 1 for the top. */
  depth: number;
  /** Index of the parent node, -1 at the top. */
  parent: number;
  label: string;
  /** Index into entries for host rows, -1 for branches. */
  entry: number;
  /** Folder nodes: their own id. Host rows under "My folders": the folder they are in (null: the top). */
  folderId: string | null;
  sourceId: string | undefined;
  error: string | undefined;
  location: string | undefined;
  /** Host rows below, unfiltered. */
  hostCount: number;
  defaultExpanded: boolean;
  posInSet: number;
  setSize: number;
}

/**
 * The whole tree, every branch open, flattened in display order once per data change. Filtering and
 * expanding then only walk these arrays (treeRows.logic.ts), which is what keeps a keystroke over
 * 50,000 hosts inside one frame.
 */
export interface TreeModel {
  nodes: TreeNodeInfo[];
  /** Index one past the node's last descendant. */
  end: Int32Array;
  /** Per node: its entry index, -1 for branches. */
  entryOf: Int32Array;
  nodeIndexById: Map<string, number>;
  entries: TreeEntry[];
  entryIndexById: EntryIndex;
  /** How the entries were built, so the next change can reuse them (treeEntries.logic.ts). */
  entrySet: TreeEntries;
  folders: readonly TreeFolder[];
}

export const SECTION_FAVOURITES = 'section:favourites';
export const SECTION_RECENT = 'section:recent';
export const SECTION_FOLDERS = 'section:folders';
/** How many recent hosts the Recent section shows. */
export const RECENT_SHOWN = 10;

export const folderNodeId = (folderId: string) => `folder:${folderId}`;
export const sourceNodeId = (sourceId: string) => `source:${sourceId}`;
export const sourceHostNodeId = (hostId: string) => `host:${hostId}`;
// JSON keeps group paths unambiguous whatever characters inventory names contain.
const groupNodeId = (sourceId: string, path: readonly string[]) =>
  `group:${JSON.stringify([sourceId, ...path])}`;

/** Natural, case-insensitive order ("web-2" before "web-10") with plain string comparison: 50,000 labels sort in tens of ms. */
export function naturalKey(label: string): string {
  return label.toLowerCase().replace(/\d+/g, (digits) => digits.padStart(12, '0'));
}

const sourceRowIds = new WeakMap<TreeEntry, string>();
/** Row ids of hosts under their source are cached: there are as many as hosts, rebuilt on every change. */
function hostNodeId(prefix: string, entry: TreeEntry): string {
  if (prefix !== 'host:') return `${prefix}${entry.hostId}`;
  let id = sourceRowIds.get(entry);
  if (id === undefined) {
    id = sourceHostNodeId(entry.hostId);
    sourceRowIds.set(entry, id);
  }
  return id;
}

const entryKeys = new WeakMap<TreeEntry, string>();
function entryKey(entry: TreeEntry): string {
  let key = entryKeys.get(entry);
  if (key === undefined) {
    key = naturalKey(entry.label);
    entryKeys.set(entry, key);
  }
  return key;
}

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A branch under construction; its hosts are entry indexes, so 50,000 hosts cost no extra objects here. */
interface Draft {
  id: string;
  kind: Exclude<NodeKind, 'host'>;
  area: Area;
  label: string;
  folderId: string | null;
  sourceId: string | undefined;
  error: string | undefined;
  location: string | undefined;
  defaultExpanded: boolean;
  branches: Draft[];
  /** Child groups by label, so placing 50,000 hosts builds no lookup strings. */
  groupsByLabel: Map<string, Draft> | undefined;
  hosts: number[];
  /**
   * Entries placed here through one of their further group paths (Host.otherGroups), with that
   * path's number: a host in several groups gets one row in each, each row with its own id.
   */
  alsoIn: Map<number, number> | undefined;
  /** Node id prefix of this branch's host rows ("fav:", "placed:", "host:"...). */
  hostPrefix: string;
}

function branch(
  fields: Pick<Draft, 'id' | 'kind' | 'area' | 'label' | 'defaultExpanded' | 'hostPrefix'> & Partial<Draft>,
): Draft {
  return {
    folderId: null,
    sourceId: undefined,
    error: undefined,
    location: undefined,
    branches: [],
    groupsByLabel: undefined,
    hosts: [],
    alsoIn: undefined,
    ...fields,
  };
}

function folderSection(data: TreeData, entries: readonly TreeEntry[], keys: readonly string[]): Draft {
  const section = branch({
    id: SECTION_FOLDERS,
    kind: 'section',
    area: 'folders',
    label: 'My folders',
    defaultExpanded: true,
    hostPrefix: 'placed:',
  });
  const byParent = new Map<string | null, TreeFolder[]>();
  for (const folder of data.overlay.folders) {
    const list = byParent.get(folder.parentId) ?? [];
    list.push(folder);
    byParent.set(folder.parentId, list);
  }
  const hostsByFolder = new Map<string | null, number[]>();
  entries.forEach((entry, index) => {
    if (!entry.placement) return;
    const list = hostsByFolder.get(entry.placement.folderId) ?? [];
    list.push(index);
    hostsByFolder.set(entry.placement.folderId, list);
  });
  const order = (index: number) => entries[index]?.placement?.order ?? 0;
  const fill = (parent: Draft, folderId: string | null, seen: Set<string>): void => {
    const folders = [...(byParent.get(folderId) ?? [])].sort(
      (a, b) => a.order - b.order || compareKeys(naturalKey(a.name), naturalKey(b.name)),
    );
    for (const folder of folders) {
      if (seen.has(folder.id)) continue;
      seen.add(folder.id);
      const node = branch({
        id: folderNodeId(folder.id),
        kind: 'folder',
        area: 'folders',
        label: folder.name,
        folderId: folder.id,
        defaultExpanded: false,
        hostPrefix: 'placed:',
      });
      fill(node, folder.id, seen);
      parent.branches.push(node);
    }
    parent.hosts = [...(hostsByFolder.get(folderId) ?? [])].sort(
      (a, b) => order(a) - order(b) || compareKeys(keys[a] ?? '', keys[b] ?? ''),
    );
  };
  fill(section, null, new Set());
  return section;
}

function sourceBranches(
  sources: readonly SourceStatus[],
  entries: readonly TreeEntry[],
  keys: readonly string[],
): Draft[] {
  const roots = new Map<string, Draft>();
  const sourceBranch = (id: string, label: string, source?: SourceStatus): Draft =>
    branch({
      id: sourceNodeId(id),
      kind: 'source',
      area: 'source',
      label,
      sourceId: id,
      defaultExpanded: true,
      hostPrefix: 'host:',
      error: source?.stale ? `Stale, showing the last good hosts: ${source.error ?? ''}` : source?.error,
      location: source?.location,
    });
  for (const source of sources) {
    if (source.id !== MANUAL_SOURCE_ID) roots.set(source.id, sourceBranch(source.id, source.label, source));
  }
  entries.forEach((entry, index) => {
    if (entry.missing || entry.manual) return;
    let parent = roots.get(entry.sourceId);
    if (!parent) {
      // A host whose source is not listed still gets a branch: nothing silently vanishes.
      parent = sourceBranch(entry.sourceId, entry.sourceLabel);
      roots.set(entry.sourceId, parent);
    }
    const root = parent;
    const paths = entry.host.otherGroups
      ? [entry.host.groups, ...entry.host.otherGroups]
      : [entry.host.groups];
    paths.forEach((path, pathNumber) => {
      let at = root;
      for (let depth = 1; depth <= path.length; depth++) {
        const name = path[depth - 1] ?? '';
        at.groupsByLabel ??= new Map();
        let group = at.groupsByLabel.get(name);
        if (!group) {
          group = branch({
            id: groupNodeId(entry.sourceId, path.slice(0, depth)),
            kind: 'group',
            area: 'source',
            label: name,
            sourceId: entry.sourceId,
            defaultExpanded: false,
            hostPrefix: 'host:',
          });
          at.groupsByLabel.set(name, group);
          at.branches.push(group);
        }
        at = group;
      }
      if (pathNumber > 0) {
        // Sources list each path once (ansibleRunner/netboxRunner), so a group never gets a host twice.
        (at.alsoIn ??= new Map()).set(index, pathNumber);
      }
      at.hosts.push(index);
    });
  });
  const sortDeep = (draft: Draft): void => {
    draft.branches.sort((a, b) => compareKeys(naturalKey(a.label), naturalKey(b.label)));
    draft.hosts.sort((a, b) => compareKeys(keys[a] ?? '', keys[b] ?? ''));
    for (const child of draft.branches) sortDeep(child);
  };
  for (const root of roots.values()) sortDeep(root);
  return [...roots.values()];
}

/** Favourites, Recent (when there is any), My folders, then one branch per source with its groups. */
export function buildTreeModel(data: TreeData, previous?: PreviousEntries): TreeModel {
  const entrySet = buildEntries(data, previous);
  const { entries, indexById } = entrySet;
  const keys = entries.map(entryKey);
  const top: Draft[] = [];

  const favourites = branch({
    id: SECTION_FAVOURITES,
    kind: 'section',
    area: 'favourites',
    label: 'Favourites',
    defaultExpanded: true,
    hostPrefix: 'fav:',
  });
  favourites.hosts = data.overlay.favourites.flatMap((hostId) => indexById.get(hostId) ?? []);
  top.push(favourites);

  const recent = data.overlay.recent
    .slice(0, RECENT_SHOWN)
    .flatMap((item) => indexById.get(item.hostId) ?? []);
  if (recent.length > 0) {
    const section = branch({
      id: SECTION_RECENT,
      kind: 'section',
      area: 'recent',
      label: 'Recent',
      defaultExpanded: true,
      hostPrefix: 'recent:',
    });
    section.hosts = recent;
    top.push(section);
  }
  top.push(folderSection(data, entries, keys));
  top.push(...sourceBranches(data.sources, entries, keys));
  return flatten(top, entrySet, data.overlay.folders);
}

function flatten(top: readonly Draft[], entrySet: TreeEntries, folders: readonly TreeFolder[]): TreeModel {
  const { entries } = entrySet;
  const nodes: TreeNodeInfo[] = [];
  const ends: number[] = [];
  const walk = (drafts: readonly Draft[], parent: number, depth: number, siblingsAfter: number): void => {
    const setSize = drafts.length + siblingsAfter;
    drafts.forEach((draft, position) => {
      const index = nodes.length;
      nodes.push({
        id: draft.id,
        kind: draft.kind,
        area: draft.area,
        depth,
        parent,
        label: draft.label,
        entry: -1,
        folderId: draft.folderId,
        sourceId: draft.sourceId,
        error: draft.error,
        location: draft.location,
        hostCount: 0,
        defaultExpanded: draft.defaultExpanded,
        posInSet: position + 1,
        setSize,
      });
      ends.push(0);
      walk(draft.branches, index, depth + 1, draft.hosts.length);
      const hostCount = draft.hosts.length;
      draft.hosts.forEach((entryIndex, hostPosition) => {
        const entry = entries[entryIndex];
        const also = draft.alsoIn?.get(entryIndex);
        nodes.push({
          id: !entry
            ? draft.hostPrefix
            : also !== undefined
              ? `host~${also}:${entry.hostId}`
              : hostNodeId(draft.hostPrefix, entry),
          kind: 'host',
          area: draft.area,
          depth: depth + 1,
          parent: index,
          label: entry?.label ?? '',
          entry: entryIndex,
          folderId: draft.kind === 'folder' || draft.id === SECTION_FOLDERS ? draft.folderId : null,
          sourceId: undefined,
          error: undefined,
          location: undefined,
          hostCount: 0,
          defaultExpanded: false,
          posInSet: draft.branches.length + hostPosition + 1,
          setSize: draft.branches.length + hostCount,
        });
        ends.push(nodes.length);
      });
      ends[index] = nodes.length;
    });
  };
  walk(top, -1, 1, 0);

  const end = Int32Array.from(ends);
  const entryOf = Int32Array.from(nodes, (node) => node.entry);
  const hostsBefore = new Int32Array(nodes.length + 1);
  for (let i = 0; i < nodes.length; i++)
    hostsBefore[i + 1] = (hostsBefore[i] ?? 0) + ((entryOf[i] ?? -1) >= 0 ? 1 : 0);
  nodes.forEach((node, i) => {
    if (node.kind !== 'host') node.hostCount = (hostsBefore[end[i] ?? i] ?? 0) - (hostsBefore[i + 1] ?? 0);
  });
  return {
    nodes,
    end,
    entryOf,
    nodeIndexById: new Map(nodes.map((node, i) => [node.id, i])),
    entries,
    entryIndexById: entrySet.indexById,
    entrySet,
    folders,
  };
}
