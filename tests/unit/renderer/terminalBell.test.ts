import { describe, expect, it } from 'vitest';
import { bellRang, NO_BELLS, tabShown } from '../../../src-renderer/src/terminal/bell.logic';
import { createBellStore } from '../../../src-renderer/src/terminal/bellStore';

describe('bell marks', () => {
  it('marks a background tab when its terminal rings', () => {
    expect([...bellRang(NO_BELLS, 'b', 'a')]).toEqual(['b']);
  });

  it('does not mark the tab the user is looking at', () => {
    expect(bellRang(NO_BELLS, 'a', 'a')).toBe(NO_BELLS);
  });

  it('keeps one mark however often it rings', () => {
    const once = bellRang(NO_BELLS, 'b', 'a');
    expect(bellRang(once, 'b', 'a')).toBe(once);
  });

  it('clears the mark when the tab is shown, and only that one', () => {
    const marks = bellRang(bellRang(NO_BELLS, 'b', 'a'), 'c', 'a');
    expect([...tabShown(marks, 'b')]).toEqual(['c']);
    expect(tabShown(NO_BELLS, 'b')).toBe(NO_BELLS);
  });

  it('goes background → rang → shown → quiet through the store', () => {
    const store = createBellStore();
    store.getState().rang('b', 'a');
    expect(store.getState().marks.has('b')).toBe(true);
    store.getState().shown('b');
    expect(store.getState().marks.has('b')).toBe(false);
    store.getState().rang('b', 'b');
    expect(store.getState().marks.size).toBe(0);
  });
});
