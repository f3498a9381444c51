import { describe, expect, it } from 'vitest';
import {
  initialTreeView,
  overlayChanged,
  snapshotLoaded,
} from '../../../../src-renderer/src/stores/tree/treeState.logic';
import { host, sampleData } from './treeFixtures';

function loaded() {
  const { hosts, sources, overlay } = sampleData();
  return snapshotLoaded(initialTreeView(), { hosts: [...hosts], sources: [...sources], overlay });
}
const entry = (state: ReturnType<typeof loaded>, hostId: string) =>
  state.model.entries[state.model.entryIndexById.get(hostId) ?? -1];

describe('rebuilding after a change', () => {
  it('keeps the entries of unchanged hosts and rebuilds only the changed ones', () => {
    const before = loaded();
    const overlay = { ...before.data.overlay, revision: 5, favourites: ['ssh-config:web-10'] };
    const after = overlayChanged(before, { overlay });
    expect(entry(after, 'netbox:lb-01')).toBe(entry(before, 'netbox:lb-01'));
    expect(entry(after, 'ssh-config:web-10')).not.toBe(entry(before, 'ssh-config:web-10'));
    expect(entry(after, 'ssh-config:web-10')?.favourite).toBe(true);
    expect(entry(after, 'ssh-config:web-2')?.favourite).toBe(false);
    expect(after.search.haystack).toEqual(before.search.haystack);
    expect(after.model.nodeIndexById.has('fav:ssh-config:web-10')).toBe(true);
  });

  it('keeps the whole model when only the remembered expansion changed', () => {
    const before = loaded();
    const after = overlayChanged(before, {
      overlay: { ...before.data.overlay, revision: 6, expanded: { 'folder:f-prod': true } },
    });
    expect(after.model).toBe(before.model);
    expect(after.data.overlay.revision).toBe(6);
  });

  it('rebuilds everything when the hosts themselves changed', () => {
    const before = loaded();
    const after = overlayChanged(before, {
      overlay: { ...before.data.overlay, revision: 7 },
      manualHosts: [host('manual', 'bastion', { address: 'bastion2.example.com' })],
    });
    expect(entry(after, 'manual:bastion')?.destination).toBe('bastion2.example.com');
    expect(after.model.entrySet.listedIndex).not.toBe(before.model.entrySet.listedIndex);
  });
});
