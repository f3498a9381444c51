import type { Host, HostSourceKind, TreeFolder } from '../../src-preload/api';
import { ownValue } from '../common/ownRecord';
import type { SshHostOptions } from '../ssh/sshHostOptions';
import type { TreeSection } from '../store/storeSchema';
import type { EffectiveHostSettings } from './effectiveSettings';
import {
  DEFAULT_SETTINGS,
  hostLayers,
  mustPassToSsh,
  resolveSettings,
  type ResolvedSettings,
} from './inheritance.logic';

export function folderMap(tree: TreeSection): Map<string, TreeFolder> {
  return new Map(tree.folders.map((folder) => [folder.id, folder]));
}

const SSH_KEYS = ['user', 'port', 'identityFile', 'jumpHost', 'extraOptions'] as const;

/** A listed host with the user's overlay and its folders' settings applied. */
export function effectiveHost(opts: {
  tree: TreeSection;
  folders: ReadonlyMap<string, TreeFolder>;
  host: Host;
  sourceKind: HostSourceKind;
  sourceLabel?: string;
}): { settings: EffectiveHostSettings; resolved: ResolvedSettings } {
  const { tree, host, sourceKind } = opts;
  const overlay = ownValue(tree.hosts, host.id);
  const resolved = resolveSettings(
    hostLayers({
      own: overlay?.settings,
      // A manual host's user/port are already the effective ones (manualSource): not a source layer.
      host: sourceKind === 'manual' ? undefined : host,
      sourceLabel: opts.sourceLabel,
      folders: opts.folders,
      folderId: overlay?.placement?.folderId ?? null,
      sourceGroups: tree.sourceGroups,
      groupsOf: sourceKind === 'manual' ? undefined : host,
    }),
  );
  const sshOptions: SshHostOptions = {};
  for (const key of SSH_KEYS) {
    const entry = resolved[key];
    if (entry && mustPassToSsh(entry.from, sourceKind)) Object.assign(sshOptions, { [key]: entry.value });
  }
  // Only a ProxyCommand the user allowed for its source; any jump host (theirs or the source's) wins.
  if (host.proxyCommand?.allowed && sshOptions.jumpHost === undefined && !resolved.jumpHost) {
    sshOptions.proxyCommand = host.proxyCommand.command;
  }
  return {
    resolved,
    settings: {
      label: sourceKind === 'manual' ? host.label : (overlay?.label ?? host.label),
      sshOptions,
      persistence: resolved.persistence?.value ?? DEFAULT_SETTINGS.persistence ?? 'local',
      logging: resolved.logging?.value ?? false,
    },
  };
}
