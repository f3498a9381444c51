import { sshExtraOptionWarnings, type SshExtraOptions } from '../../src-preload/api';
import type { ConfirmationRequest } from '../ports';
import { forwardRisks, type ForwardRisk } from '../ssh/forwardPolicy';
import type { TreeSection } from '../store/storeSchema';

type SettingsTree = Pick<TreeSection, 'folders' | 'hosts' | 'manualHosts'> &
  Partial<Pick<TreeSection, 'known'>>;

export interface PlacedForwardRisk extends ForwardRisk {
  /** Stable identity of the place and the option, to tell new risks from ones already saved. */
  key: string;
  /** The folder or host, as the user knows it. */
  where: string;
}

/** Every folder's and host's extra ssh options, with where they are. */
function placedOptions(tree: SettingsTree): Array<{ key: string; where: string; options: SshExtraOptions }> {
  const places: Array<{ key: string; where: string; options: SshExtraOptions }> = [];
  for (const folder of tree.folders) {
    const options = folder.settings.extraOptions;
    if (options) places.push({ key: `folder:${folder.id}`, where: `folder "${folder.name}"`, options });
  }
  const manualLabels = new Map(tree.manualHosts.map((host) => [host.id, host.label]));
  for (const [id, overlay] of Object.entries(tree.hosts)) {
    const options = overlay.settings?.extraOptions;
    if (!options) continue;
    const label = overlay.label ?? manualLabels.get(id) ?? tree.known?.[id]?.label ?? id;
    places.push({ key: `host:${id}`, where: `host "${label}"`, options });
  }
  return places;
}

export function placedForwardRisks(tree: SettingsTree, ownDirs: readonly string[]): PlacedForwardRisk[] {
  return placedOptions(tree).flatMap(({ key, where, options }) =>
    forwardRisks(options, ownDirs).map((risk) => ({
      ...risk,
      key: `${key}\n${risk.option}\n${risk.value}`,
      where,
    })),
  );
}

/** The risks `after` has that `before` had not: what a change or an import would add. */
export function newForwardRisks(
  before: SettingsTree,
  after: SettingsTree,
  ownDirs: readonly string[],
): PlacedForwardRisk[] {
  const known = new Set(placedForwardRisks(before, ownDirs).map((risk) => risk.key));
  return placedForwardRisks(after, ownDirs).filter((risk) => !known.has(risk.key));
}

/** The question for forwards that need the user's yes. */
export function forwardConfirmation(risks: readonly PlacedForwardRisk[]): ConfirmationRequest {
  return {
    message: 'Save ssh forwards that reach beyond this machine?',
    items: risks.map((risk) => `${risk.where}: ${risk.option} ${risk.value} (${risk.reason})`),
    risk: 'Others on the network, or other users of the remote host, will be able to use them while the session runs.',
    allowLabel: 'Save forwards',
  };
}

/** Agent and X11 forwarding in a tree (an import), one line per folder or host that turns them on. */
export function forwardingWarnings(tree: SettingsTree): string[] {
  return placedOptions(tree).flatMap(({ where, options }) =>
    sshExtraOptionWarnings(
      Object.fromEntries(Object.entries(options).filter(([name]) => name.startsWith('Forward'))),
    ).map((warning) => `${where}: ${warning}`),
  );
}
