import {
  SETTING_KEYS,
  type Host,
  type HostSettings,
  type HostSourceKind,
  type InheritedSettings,
  sourceGroupKey,
  type SettingOrigin,
  type SourceGroupOverlay,
  type TreeFolder,
} from '../../src-preload/api';
import { ownValue } from '../common/ownRecord';

/** Where a setting came from, including the host's own value (which the form shows as its own, not inherited). */
export type LayerOrigin = SettingOrigin | { kind: 'host' };

export interface SettingsLayer {
  settings: HostSettings;
  origin: LayerOrigin;
}

export type ResolvedSettings = {
  [K in keyof HostSettings]?: { value: NonNullable<HostSettings[K]>; from: LayerOrigin };
};

/** What every host gets when nothing says otherwise (ARCHITECTURE.md §2: tmux on this machine wraps ssh). */
export const DEFAULT_SETTINGS: HostSettings = { persistence: 'local', logging: false };

/** For each setting, the first layer (most specific first) that sets it. */
export function resolveSettings(layers: readonly SettingsLayer[]): ResolvedSettings {
  const resolved: Record<string, { value: unknown; from: LayerOrigin }> = {};
  for (const key of SETTING_KEYS) {
    for (const layer of layers) {
      const value = layer.settings[key];
      if (value !== undefined) {
        resolved[key] = { value, from: layer.origin };
        break;
      }
    }
  }
  return resolved;
}

/** The folder and its ancestors, nearest first; a cycle in a hand-edited file ends the walk. */
export function folderChain(folders: ReadonlyMap<string, TreeFolder>, folderId: string | null): TreeFolder[] {
  const chain: TreeFolder[] = [];
  const seen = new Set<string>();
  for (let id = folderId; id !== null && !seen.has(id);) {
    seen.add(id);
    const folder = folders.get(id);
    if (!folder) break;
    chain.push(folder);
    id = folder.parentId;
  }
  return chain;
}

/** What a source says about a host itself (ssh config User/Port, ansible_user...). */
export function sourceSettings(host: Host | undefined): HostSettings {
  if (!host) return {};
  return {
    ...(host.user ? { user: host.user } : {}),
    ...(host.port !== undefined ? { port: host.port } : {}),
    ...(host.identityFile ? { identityFile: host.identityFile } : {}),
    ...(host.jumpHost ? { jumpHost: host.jumpHost } : {}),
  };
}

/**
 * The settings the user laid on the source folders a host is in, nearest first, ending with the source's
 * own branch. A host in several groups (Ansible) takes its first path's groups: the one the tree shows it
 * under first.
 */
export function sourceGroupLayers(
  host: Host | undefined,
  groups: Readonly<Record<string, SourceGroupOverlay>> | undefined,
  sourceLabel: string | undefined,
): SettingsLayer[] {
  if (!host || !groups) return [];
  const layers: SettingsLayer[] = [];
  for (let depth = host.groups.length; depth >= 0; depth--) {
    const path = host.groups.slice(0, depth);
    const group = ownValue(groups, sourceGroupKey(host.sourceId, path));
    if (!group || Object.keys(group.settings).length === 0) continue;
    layers.push({
      settings: group.settings,
      origin: { kind: 'source-folder', name: path.at(-1) ?? sourceLabel ?? host.sourceId },
    });
  }
  return layers;
}

/**
 * The layers of a host in folderId, most specific first: its own settings, then what its source
 * says about it (more specific than any folder), then the user's folders outwards, then the source's
 * folders it is in (a jump host per NetBox site), then the defaults.
 */
export function hostLayers(opts: {
  own?: HostSettings | undefined;
  host?: Host | undefined;
  sourceLabel?: string | undefined;
  folders: ReadonlyMap<string, TreeFolder>;
  folderId: string | null;
  /** Source folder settings; with `groupsOf`, the host whose source folders apply (manual hosts have none). */
  sourceGroups?: Readonly<Record<string, SourceGroupOverlay>> | undefined;
  groupsOf?: Host | undefined;
}): SettingsLayer[] {
  const layers: SettingsLayer[] = [];
  if (opts.own) layers.push({ settings: opts.own, origin: { kind: 'host' } });
  const fromSource = sourceSettings(opts.host);
  if (Object.keys(fromSource).length > 0) {
    layers.push({
      settings: fromSource,
      origin: { kind: 'source', label: opts.sourceLabel ?? opts.host?.sourceId ?? '' },
    });
  }
  for (const folder of folderChain(opts.folders, opts.folderId)) {
    layers.push({
      settings: folder.settings,
      origin: { kind: 'folder', folderId: folder.id, name: folder.name },
    });
  }
  layers.push(...sourceGroupLayers(opts.groupsOf, opts.sourceGroups, opts.sourceLabel));
  layers.push({ settings: DEFAULT_SETTINGS, origin: { kind: 'default' } });
  return layers;
}

/** The resolved settings as the contract's "inherited" answer: the host's own layer is never in it. */
export function toInherited(resolved: ResolvedSettings): InheritedSettings {
  const inherited: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const entry = resolved[key];
    if (entry && entry.from.kind !== 'host') inherited[key] = entry;
  }
  return inherited;
}

/**
 * Whether ssh must be told a value on its command line. ssh reads its own config, so values that came
 * from the ssh config source are left to it (passing them again would also override Match blocks).
 */
export function mustPassToSsh(origin: LayerOrigin, sourceKind: HostSourceKind | undefined): boolean {
  return !(origin.kind === 'source' && sourceKind === 'ssh-config');
}
