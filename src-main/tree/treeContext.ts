import type { Host, HostSourceKind } from '../../src-preload/api';

/** What pure tree logic needs from the outside world: ids, time, and what the sources list now. */
export interface TreeContext {
  now: number;
  newFolderId(): string;
  newManualHostId(): string;
  /** A host some source lists right now (manual hosts included). */
  listedHost(hostId: string): Host | undefined;
  sourceKind(sourceId: string): HostSourceKind | undefined;
  /** What ssh is given as the destination for a listed host. */
  destinationOf(hostId: string): string | undefined;
  /** hostNameValidation.ts's verdict: the one rule for what may reach ssh as a host. */
  hostNameProblem(name: string): string | undefined;
}
