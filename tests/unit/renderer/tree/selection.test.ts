import { describe, expect, it } from 'vitest';
import {
  actionTargets,
  emptySelection,
  selectOnly,
  toggleSelected,
} from '../../../../src-renderer/src/stores/tree/selection.logic';
import {
  allVisibleSelected,
  clicked,
  extendedTo,
  initialTreeView,
  queryChanged,
  selectionCleared,
  selectionToggled,
  snapshotLoaded,
  targetsOf,
  type TreeViewState,
} from '../../../../src-renderer/src/stores/tree/treeState.logic';
import { sampleData } from './treeFixtures';

function loaded(): TreeViewState {
  const { hosts, sources, overlay } = sampleData();
  return snapshotLoaded(initialTreeView(), { hosts: [...hosts], sources: [...sources], overlay });
}
const ids = (state: TreeViewState) => [...state.selection.ids].sort();

describe('selection', () => {
  it('plain click selects one host, Ctrl toggles, Shift selects the range from the anchor', () => {
    let state = clicked(loaded(), 'host:ssh-config:web-2', { toggle: false, range: false });
    expect(ids(state)).toEqual(['ssh-config:web-2']);
    state = clicked(state, 'host:ssh-config:web-10', { toggle: true, range: false });
    expect(ids(state)).toEqual(['ssh-config:web-10', 'ssh-config:web-2']);
    state = clicked(state, 'host:ssh-config:web-10', { toggle: true, range: false });
    expect(ids(state)).toEqual(['ssh-config:web-2']);
    // Range from the Favourites row down to the source's web-10: every host row in between, once each.
    state = clicked(
      clicked(state, 'fav:ssh-config:web-2', { toggle: false, range: false }),
      'host:ssh-config:web-10',
      {
        toggle: false,
        range: true,
      },
    );
    expect(ids(state)).toEqual(['netbox:lb-01', 'ssh-config:web-10', 'ssh-config:web-2']);
  });

  it('Shift+arrows extend from where the selection started', () => {
    let state = clicked(loaded(), 'fav:ssh-config:web-2', { toggle: false, range: false });
    state = extendedTo(state, 'recent:netbox:lb-01');
    expect(ids(state)).toEqual(['netbox:lb-01', 'ssh-config:web-2']);
    state = extendedTo(state, 'section:recent');
    expect(ids(state)).toEqual(['ssh-config:web-2']);
    expect(state.focusedId).toBe('section:recent');
  });

  it('Space toggles the focused host; A selects every visible host; Esc clears', () => {
    let state = selectionToggled(loaded(), 'host:ssh-config:web-10');
    expect(ids(state)).toEqual(['ssh-config:web-10']);
    state = selectionToggled(state, 'section:favourites');
    expect(ids(state)).toEqual(['ssh-config:web-10']);
    // "old-web" vanished from its source but is still found, and selectable (to forget it, say).
    state = allVisibleSelected(queryChanged(state, 'web'));
    expect(ids(state)).toEqual(['netbox:gone', 'ssh-config:web-10', 'ssh-config:web-2']);
    expect(ids(selectionCleared(state))).toEqual([]);
  });

  it('acts on the selection only when the focused host is part of it', () => {
    const selection = toggleSelected(selectOnly('a', 'host:a'), 'b', 'host:b');
    expect(actionTargets(selection, 'a').sort()).toEqual(['a', 'b']);
    expect(actionTargets(selection, 'c')).toEqual(['c']);
    expect(actionTargets(emptySelection, 'c')).toEqual(['c']);
    const state = clicked(loaded(), 'host:ssh-config:web-2', { toggle: false, range: false });
    expect(targetsOf(state, 'fav:ssh-config:web-2')).toEqual(['ssh-config:web-2']);
  });

  it('puts the tab stop on the best match while searching', () => {
    const state = queryChanged(loaded(), 'lb');
    expect(state.focusedId).toBe('recent:netbox:lb-01');
    expect(state.match?.count).toBe(1);
  });
});
