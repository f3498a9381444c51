import type { Host, HostSourceKind } from '../../src-preload/api';

export interface HostSourceSnapshot {
  hosts: Host[];
  /** Where the source read from, for the user's orientation. */
  location?: string;
  /** Set when the source could not be read; hosts then hold what could be read (possibly none). */
  error?: string;
  /** The hosts are the last good ones: the latest sync failed. */
  stale?: boolean;
  lastSyncAt?: number;
}

/** One place hosts come from (ssh config, an Ansible inventory, NetBox...). */
export interface HostSource {
  readonly id: string;
  readonly kind: HostSourceKind;
  readonly label: string;
  load(): Promise<HostSourceSnapshot>;
  /** One host by id without loading the whole source (synced sources keep an index). */
  host?(hostId: string): Host | undefined;
  /** What to give ssh as its destination for one of this source's hosts. */
  sshDestination(host: Host): string;
}
