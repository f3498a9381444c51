import type { Host } from '../../src-preload/api';
import { ApiError } from '../common/apiError';
import type { HostSource, HostSourceSnapshot } from '../inventory/hostSource';
import type { ManagedSource } from './sourceRunner';
import type { SourceRuntime } from './syncManager';

/**
 * A synced source as the host catalog sees it: whatever the SyncManager holds right now (the last
 * good hosts, possibly from the cache). load() does no I/O, so the tree and every connection are
 * as fast with 50,000 NetBox hosts as with none, and never wait for a sync.
 */
export class SyncedHostSource implements HostSource {
  readonly id: string;
  readonly kind: ManagedSource['kind'];
  readonly label: string;

  constructor(
    private readonly source: ManagedSource,
    private readonly runtime: () => SourceRuntime | undefined,
  ) {
    this.id = source.sourceId;
    this.kind = source.kind;
    this.label = source.label;
  }

  load(): Promise<HostSourceSnapshot> {
    const runtime = this.runtime();
    const stale = runtime?.state === 'stale' || runtime?.state === 'error';
    return Promise.resolve({
      hosts: [...(runtime?.hosts ?? [])],
      ...(this.source.location ? { location: this.source.location } : {}),
      ...(stale && runtime?.error ? { error: runtime.error, stale: true } : {}),
      ...(runtime?.lastSyncAt !== undefined ? { lastSyncAt: runtime.lastSyncAt } : {}),
    });
  }

  host(hostId: string): Host | undefined {
    return this.runtime()?.byId.get(hostId);
  }

  sshDestination(host: Host): string {
    // Hosts the mapper flagged (hostile name, vault-encrypted address, non-ssh connection...) are shown, never connected.
    if (host.problem) throw new ApiError('INVALID_HOST', `Cannot connect to ${host.label}: ${host.problem}`);
    if (!host.address) throw new ApiError('INVALID_HOST', `${host.label} has no address in its source.`);
    return host.address;
  }
}
