import { z } from 'zod';
import { ownRecord, ownValue } from '../common/ownRecord';
import {
  DEFAULT_APP_SETTINGS,
  MANUAL_SOURCE_ID,
  treeFields,
  type HostOverlay,
  type HostSettings,
} from '../../src-preload/api';
import { emptyWorkspace, STORE_VERSION, type StoreData, type TreeSection } from './storeSchema';

/**
 * Every shape the store file ever had, and the step from each to the next. A file of any earlier
 * version is read by running the steps in order; each step parses its input with that version's own
 * schema, so a damaged old file is reported as damaged rather than half-migrated.
 *
 * v0: the prototype's file: no version, folders as name paths holding host ids, "favorites", labels.
 * v1: flat folders with ids and host lists, user/port on folders and overrides, manual hosts.
 * v2: (current) folder settings inherited by hosts, one overlay per host, recent with times, layout.
 */
export class StoreVersionError extends Error {}

const V0 = z.object({
  folders: z
    .array(z.object({ path: z.array(z.string().min(1)).min(1), hosts: z.array(z.string()).default([]) }))
    .default([]),
  favorites: z.array(z.string()).default([]),
  labels: z.record(z.string(), z.string()).default({}),
});

const V1Folder = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  hostIds: z.array(z.string()).default([]),
  user: z.string().optional(),
  port: z.number().int().optional(),
});
const V1 = z.object({
  version: z.literal(1),
  folders: z.array(V1Folder).default([]),
  favourites: z.array(z.string()).default([]),
  overrides: z
    .record(
      z.string(),
      z.object({
        label: z.string().optional(),
        notes: z.string().optional(),
        user: z.string().optional(),
        port: z.number().int().optional(),
      }),
    )
    .default({}),
  manualHosts: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        host: z.string(),
        user: z.string().optional(),
        port: z.number().int().optional(),
        folderId: z.string().nullable().default(null),
      }),
    )
    .default([]),
  recent: z.array(z.string()).default([]),
});
type V1 = z.infer<typeof V1>;

function v0ToV1(input: unknown): V1 {
  const v0 = V0.parse(input);
  const ids = new Map<string, string>();
  const folders: V1['folders'] = [];
  const folderFor = (path: readonly string[]): string => {
    const key = JSON.stringify(path);
    const existing = ids.get(key);
    if (existing) return existing;
    const parentId = path.length > 1 ? folderFor(path.slice(0, -1)) : null;
    const id = `v0-${ids.size + 1}`;
    ids.set(key, id);
    folders.push({ id, name: path[path.length - 1] ?? 'Folder', parentId, hostIds: [] });
    return id;
  };
  for (const folder of v0.folders) {
    const id = folderFor(folder.path);
    folders.find((f) => f.id === id)?.hostIds.push(...folder.hosts);
  }
  const overrides = Object.fromEntries(
    Object.entries(v0.labels).map(([hostId, label]) => [hostId, { label }]),
  );
  return { version: 1, folders, favourites: v0.favorites, overrides, manualHosts: [], recent: [] };
}

/** An old value that today's rules refuse is dropped, not allowed to make the whole file unreadable. */
function valid<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function settingsFrom(old: { user?: string | undefined; port?: number | undefined }): HostSettings {
  const user = valid(treeFields.user, old.user);
  const port = valid(treeFields.port, old.port);
  return { ...(user !== undefined ? { user } : {}), ...(port !== undefined ? { port } : {}) };
}

function v1ToV2(input: unknown): StoreData {
  const v1 = V1.parse(input);
  const manualId = (id: string) => (id.startsWith(`${MANUAL_SOURCE_ID}:`) ? id : `${MANUAL_SOURCE_ID}:${id}`);
  const renamed = new Map(v1.manualHosts.map((h) => [h.id, manualId(h.id)]));
  const hostId = (id: string) => renamed.get(id) ?? id;

  const tree: TreeSection = {
    folders: [],
    manualHosts: [],
    hosts: ownRecord(),
    favourites: [],
    recent: [],
    known: ownRecord(),
  };
  const overlay = (id: string): HostOverlay => {
    const existing = ownValue(tree.hosts, id);
    if (existing) return existing;
    const created: HostOverlay = {};
    tree.hosts[id] = created;
    return created;
  };
  const folderIds = new Set<string>();

  v1.folders.forEach((folder, order) => {
    const id = valid(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), folder.id) ?? `v1-${order + 1}`;
    folderIds.add(id);
    tree.folders.push({
      id,
      name: valid(treeFields.label, folder.name) ?? 'Folder',
      parentId: folder.parentId,
      order,
      settings: settingsFrom(folder),
    });
    folder.hostIds.forEach((host, hostOrder) => {
      overlay(hostId(host)).placement = { folderId: id, order: hostOrder };
    });
  });
  for (const [id, old] of Object.entries(v1.overrides)) {
    const entry = overlay(hostId(id));
    const label = valid(treeFields.label, old.label);
    if (label) entry.label = label;
    if (old.notes) entry.notes = old.notes.slice(0, 20_000);
    const settings = settingsFrom(old);
    if (Object.keys(settings).length > 0) entry.settings = settings;
  }
  v1.manualHosts.forEach((host, order) => {
    const id = manualId(host.id);
    const hostName = valid(treeFields.hostName, host.host);
    if (!hostName) return;
    tree.manualHosts.push({ id, label: valid(treeFields.label, host.name) ?? hostName, hostName });
    const entry = overlay(id);
    entry.placement ??= { folderId: host.folderId, order: 1_000_000 + order };
    const settings = { ...settingsFrom(host), ...entry.settings };
    if (Object.keys(settings).length > 0) entry.settings = settings;
  });
  tree.favourites = [...new Set(v1.favourites.map(hostId))];
  tree.recent = [...new Set(v1.recent.map(hostId))].map((id) => ({ hostId: id, at: 0 }));

  return {
    version: 2,
    tree,
    settings: { ...DEFAULT_APP_SETTINGS, terminal: {} },
    sources: [],
    layout: { expanded: {}, workspace: emptyWorkspace() },
  };
}

const STEPS: ReadonlyArray<(input: unknown) => unknown> = [v0ToV1, v1ToV2];

/** The schema version a parsed file declares; files from before versioning are version 0. */
export function declaredVersion(raw: object): number {
  if (!('version' in raw)) return 0;
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new StoreVersionError(`its "version" is ${JSON.stringify(version)}, not a schema version number`);
  }
  return version;
}

/** Runs every step from the file's version to the current one; the result still needs validating. */
export function migrateToCurrent(raw: object): { data: unknown; from: number } {
  const from = declaredVersion(raw);
  if (from > STORE_VERSION) {
    throw new StoreVersionError(
      `it was written by a newer Muxdeck (schema version ${from}; this one reads up to ${STORE_VERSION})`,
    );
  }
  let data: unknown = raw;
  for (let version = from; version < STORE_VERSION; version++) {
    const step = STEPS[version];
    if (!step) throw new StoreVersionError(`no migration from schema version ${version}`);
    data = step(data);
  }
  return { data, from };
}
