import { join } from 'node:path';
import type { Host } from '../../src-preload/api';
import { ApiError } from '../common/apiError';
import type { HostSource, HostSourceSnapshot } from '../inventory/hostSource';
import { nodeFileStore } from '../platform/nodeFileStore';
import { fileSyncCache } from '../sources/syncCache';
import type { StoreData } from '../store/storeSchema';

/**
 * The configured sources (Ansible, NetBox) as the app last synced them: their last-good cache under
 * MUXDECK_HOME, without syncing. A command-line run must not wait for NetBox, and sees the hosts the
 * app's tree shows.
 */
export async function cachedSources(data: StoreData, cacheDir: string): Promise<HostSource[]> {
  const cache = fileSyncCache(join(cacheDir, 'sources'), nodeFileStore);
  const sources: HostSource[] = [];
  for (const config of data.sources) {
    if (!config.enabled || (config.kind !== 'ansible' && config.kind !== 'netbox')) continue;
    const sourceId = `${config.kind}:${config.id}`;
    const entry = await cache.read(config.id).catch(() => undefined);
    const hosts = entry && entry.sourceId === sourceId ? entry.hosts : [];
    sources.push(new CachedSource(sourceId, config.kind, config.label, hosts));
  }
  return sources;
}

class CachedSource implements HostSource {
  constructor(
    readonly id: string,
    readonly kind: 'ansible' | 'netbox',
    readonly label: string,
    private readonly hosts: readonly Host[],
  ) {}

  load(): Promise<HostSourceSnapshot> {
    return Promise.resolve({ hosts: [...this.hosts] });
  }

  /** The same rule as the app's synced sources (SyncedHostSource). */
  sshDestination(host: Host): string {
    if (host.problem) throw new ApiError('INVALID_HOST', `Cannot connect to ${host.label}: ${host.problem}`);
    if (!host.address) throw new ApiError('INVALID_HOST', `${host.label} has no address in its source.`);
    return host.address;
  }
}
