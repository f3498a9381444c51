import type { Host, SourceStatus } from '../../src-preload/api';
import type { HostSource } from './hostSource';

export interface ResolvedHost {
  host: Host;
  source: HostSource;
}

/** Every host from every source, as one list the tree and the session service share. */
export class HostCatalog {
  /** Sources may be a function: configured sources come and go while the app runs. */
  constructor(private readonly sourceList: readonly HostSource[] | (() => readonly HostSource[])) {}

  private get sources(): readonly HostSource[] {
    return typeof this.sourceList === 'function' ? this.sourceList() : this.sourceList;
  }

  async list(): Promise<{ hosts: Host[]; sources: SourceStatus[] }> {
    const snapshots = await Promise.all(
      this.sources.map(async (source) => ({ source, snap: await source.load() })),
    );
    return {
      hosts: snapshots.flatMap(({ snap }) => snap.hosts),
      sources: snapshots.map(({ source, snap }) => ({
        id: source.id,
        kind: source.kind,
        label: source.label,
        hostCount: snap.hosts.length,
        ...(snap.location ? { location: snap.location } : {}),
        ...(snap.error ? { error: snap.error } : {}),
        ...(snap.stale ? { stale: true } : {}),
        ...(snap.lastSyncAt !== undefined ? { lastSyncAt: snap.lastSyncAt } : {}),
      })),
    };
  }

  async find(hostId: string): Promise<ResolvedHost | undefined> {
    for (const source of this.sources) {
      if (!hostId.startsWith(`${source.id}:`)) continue;
      if (source.host) {
        const host = source.host(hostId);
        if (host) return { host, source };
        continue;
      }
      const host = (await source.load()).hosts.find((h) => h.id === hostId);
      if (host) return { host, source };
    }
    return undefined;
  }

  /** Several hosts at once, each source loaded once (a run on 500 hosts must not read a file 500 times). */
  async findMany(hostIds: readonly string[]): Promise<Map<string, ResolvedHost>> {
    const found = new Map<string, ResolvedHost>();
    for (const source of this.sources) {
      const wanted = hostIds.filter((id) => id.startsWith(`${source.id}:`) && !found.has(id));
      if (wanted.length === 0) continue;
      const byId = new Map((await source.load()).hosts.map((host) => [host.id, host]));
      for (const id of wanted) {
        const host = byId.get(id);
        if (host) found.set(id, { host, source });
      }
    }
    return found;
  }
}
