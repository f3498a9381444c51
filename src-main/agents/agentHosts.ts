import type { HostSourceKind } from '../../src-preload/api';
import type { HostCatalog } from '../inventory/hostCatalog';
import { selectHosts, splitSelection } from '../run/hostSelection';
import type { StoreData } from '../store/storeSchema';
import type { EffectiveSettingsProvider } from '../tree/effectiveSettings';
import { AgentError } from './agentError';
import type { PolicyUniverse } from './agentPolicy';

/** A host as list_hosts shows it. */
export interface AgentHostView {
  id: string;
  label: string;
  address: string;
  user: string;
  port: number | null;
  source: string;
  /** Where the tree shows it: a folder path in My folders, else the source and its groups. */
  path: string;
}

export interface HostsSnapshot {
  hosts: AgentHostView[];
  tags: ReadonlyMap<string, readonly string[]>;
  universe: PolicyUniverse;
}

/**
 * The tree's hosts for an agent, read the way `muxdeck run` reads them (catalog + the user's overlay),
 * and never written: the app owns the store.
 */
export class AgentHosts {
  constructor(
    private readonly deps: {
      catalog: HostCatalog;
      settings: EffectiveSettingsProvider;
      readStore: () => StoreData;
    },
  ) {}

  async snapshot(): Promise<HostsSnapshot> {
    const listed = await this.deps.catalog.list();
    const data = this.deps.readStore().tree;
    const kinds = new Map<string, HostSourceKind>(listed.sources.map((s) => [s.id, s.kind]));
    const sourceLabels = new Map(listed.sources.map((s) => [s.id, s.label]));
    const folderPath = folderPaths(data.folders);
    const tags = new Map<string, readonly string[]>();
    const selectable = listed.hosts.map((host) => {
      const kind = kinds.get(host.sourceId);
      const effective = kind ? this.deps.settings.effectiveSettings(host, kind) : undefined;
      const overlay = data.hosts[host.id];
      tags.set(host.id, overlay?.tags ?? []);
      return { host, effective, placement: overlay?.placement };
    });
    const hosts = selectable.map(({ host, effective, placement }): AgentHostView => {
      const inFolder = placement ? folderPath.get(placement.folderId ?? '') : undefined;
      return {
        id: host.id,
        label: effective?.label ?? host.label,
        address: host.address ?? '',
        user: effective?.sshOptions.user ?? host.user ?? '',
        port: effective?.sshOptions.port ?? host.port ?? null,
        source: sourceLabels.get(host.sourceId) ?? host.sourceId,
        path:
          placement && placement.folderId !== null && inFolder !== undefined
            ? inFolder
            : [sourceLabels.get(host.sourceId) ?? host.sourceId, ...host.groups].join('/'),
      };
    });
    const universe: PolicyUniverse = {
      hosts: selectable.map(({ host, effective, placement }) => ({
        id: host.id,
        label: effective?.label ?? host.label,
        sourceId: host.sourceId,
        groups: host.groups,
        ...(placement ? { folderId: placement.folderId } : {}),
      })),
      sources: listed.sources.map((s) => ({ id: s.id, label: s.label })),
      folders: data.folders.map((f) => ({ id: f.id, name: f.name, parentId: f.parentId })),
      tagsOf: (hostId) => tags.get(hostId) ?? [],
    };
    return { hosts, tags, universe };
  }

  /** open_session's host: a label, an id, or a `muxdeck run --hosts` selector that names exactly one host. */
  async one(selector: string): Promise<AgentHostView> {
    const snap = await this.snapshot();
    const items = splitSelection(selector);
    const selected = selectHosts(items, snap.universe);
    if (!selected.ok) throw new AgentError('UNKNOWN_HOST', `Unknown host: ${selected.errors.join('; ')}.`);
    if (selected.hostIds.length !== 1)
      throw new AgentError(
        'UNKNOWN_HOST',
        `${JSON.stringify(selector)} names ${selected.hostIds.length} hosts; open_session takes one (use run_on_hosts for several).`,
      );
    const host = snap.hosts.find((h) => h.id === selected.hostIds[0]);
    if (!host) throw new AgentError('UNKNOWN_HOST', `Unknown host ${JSON.stringify(selector)}.`);
    return host;
  }

  /** run_on_hosts' hosts: every item must match, as in `muxdeck run`. */
  async many(selector: string): Promise<{ hosts: AgentHostView[]; snapshot: HostsSnapshot }> {
    const snap = await this.snapshot();
    const selected = selectHosts(splitSelection(selector), snap.universe);
    if (!selected.ok)
      throw new AgentError('UNKNOWN_HOST', `Unknown hosts, nothing was run: ${selected.errors.join('; ')}.`);
    const byId = new Map(snap.hosts.map((h) => [h.id, h]));
    return { hosts: selected.hostIds.flatMap((id) => byId.get(id) ?? []), snapshot: snap };
  }
}

/** Every term of the query appears in the host's text (label, address, user, source, path, tags); label matches rank first. */
export function searchHosts(
  hosts: readonly AgentHostView[],
  tags: ReadonlyMap<string, readonly string[]>,
  query: string | undefined,
  limit: number,
): AgentHostView[] {
  const terms = (query ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t.length > 0);
  if (terms.length === 0) return hosts.slice(0, limit);
  const scored: Array<{ host: AgentHostView; score: number }> = [];
  for (const host of hosts) {
    const label = host.label.toLowerCase();
    const haystack = [
      label,
      host.id,
      host.address,
      host.user,
      host.source,
      host.path,
      ...(tags.get(host.id) ?? []),
    ]
      .join(' ')
      .toLowerCase();
    if (!terms.every((term) => haystack.includes(term))) continue;
    const score = terms.reduce(
      (sum, term) => sum + (label === term ? 4 : label.startsWith(term) ? 2 : label.includes(term) ? 1 : 0),
      0,
    );
    scored.push({ host, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.host.label.localeCompare(b.host.label))
    .slice(0, limit)
    .map((s) => s.host);
}

function folderPaths(folders: StoreData['tree']['folders']): Map<string, string> {
  const byId = new Map(folders.map((f) => [f.id, f]));
  const paths = new Map<string, string>();
  for (const folder of folders) {
    const names: string[] = [];
    const seen = new Set<string>();
    for (
      let f: typeof folder | undefined = folder;
      f && !seen.has(f.id);
      f = f.parentId ? byId.get(f.parentId) : undefined
    ) {
      seen.add(f.id);
      names.unshift(f.name);
    }
    paths.set(folder.id, names.join('/'));
  }
  return paths;
}
