import type { Host, SourceDiff } from '../../src-preload/api';

const SAMPLE = 5;

/** Added, removed and changed hosts between two syncs of one source, by host id. */
export function diffHosts(before: readonly Host[], after: readonly Host[], at: number): SourceDiff {
  const old = new Map(before.map((host) => [host.id, host]));
  const added: string[] = [];
  const changed: string[] = [];
  let addedCount = 0;
  let changedCount = 0;
  for (const host of after) {
    const previous = old.get(host.id);
    old.delete(host.id);
    if (!previous) {
      addedCount++;
      if (added.length < SAMPLE) added.push(host.label);
    } else if (!sameHost(previous, host)) {
      changedCount++;
      if (changed.length < SAMPLE) changed.push(host.label);
    }
  }
  const removed = [...old.values()];
  return {
    at,
    added: addedCount,
    removed: removed.length,
    changed: changedCount,
    addedLabels: added,
    removedLabels: removed.slice(0, SAMPLE).map((host) => host.label),
    changedLabels: changed,
  };
}

/** Field by field (key order differs between sources and cache files, so no JSON comparison). */
function sameHost(a: Host, b: Host): boolean {
  return (
    a.label === b.label &&
    a.address === b.address &&
    a.user === b.user &&
    a.port === b.port &&
    a.problem === b.problem &&
    a.identityFile === b.identityFile &&
    a.jumpHost === b.jumpHost &&
    a.connection === b.connection &&
    a.proxyCommand?.command === b.proxyCommand?.command &&
    a.proxyCommand?.allowed === b.proxyCommand?.allowed &&
    JSON.stringify([a.groups, a.otherGroups ?? []]) === JSON.stringify([b.groups, b.otherGroups ?? []])
  );
}

/** "3 added, 1 removed, 2 changed" (or "no changes"), for the Sources page and the notice. */
export function diffSummary(diff: SourceDiff): string {
  const parts = [
    diff.added ? `${diff.added} added` : '',
    diff.removed ? `${diff.removed} removed` : '',
    diff.changed ? `${diff.changed} changed` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}
