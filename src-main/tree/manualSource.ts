import { MANUAL_SOURCE_ID, type Host } from '../../src-preload/api';
import type { HostSource, HostSourceSnapshot } from '../inventory/hostSource';
import type { StoreData } from '../store/storeSchema';
import { effectiveHost, folderMap } from './hostEffective.logic';

/** The user's own hosts, kept in the store, as one more source of the host catalog. */
export class ManualSource implements HostSource {
  readonly id = MANUAL_SOURCE_ID;
  readonly kind = 'manual' as const;
  readonly label = 'My hosts';

  constructor(private readonly read: () => StoreData) {}

  load(): Promise<HostSourceSnapshot> {
    return Promise.resolve({ hosts: manualHostsAsHosts(this.read()) });
  }

  sshDestination(host: Host): string {
    return host.address ?? host.label;
  }
}

/** Manual hosts with the user and port they will connect with (their own settings, else their folders'). */
export function manualHostsAsHosts(data: StoreData): Host[] {
  const folders = folderMap(data.tree);
  return data.tree.manualHosts.map((record) => {
    const host: Host = {
      id: record.id,
      label: record.label,
      address: record.hostName,
      sourceId: MANUAL_SOURCE_ID,
      groups: [],
    };
    const { resolved } = effectiveHost({ tree: data.tree, folders, host, sourceKind: 'manual' });
    return {
      ...host,
      ...(resolved.user ? { user: resolved.user.value } : {}),
      ...(resolved.port ? { port: resolved.port.value } : {}),
    };
  });
}
