import { describe, expect, it } from 'vitest';
import {
  computeRects,
  gridLayout,
  insertBeside,
  MIN_SHARE,
  neighbour,
  pane,
  panesOf,
  pruneLayout,
  removePane,
  resizeSplit,
} from '../../../../src-renderer/src/stores/workspace/layout.logic';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i + 1}`);

describe('split layouts', () => {
  it('tiles N panes as a grid of ceil(sqrt(N)) columns, in reading order', () => {
    for (const n of [1, 2, 3, 4, 5, 9, 10]) {
      const layout = gridLayout(ids(n));
      expect(panesOf(layout)).toEqual(ids(n));
      const rects = computeRects(layout).panes;
      const columns = rects.filter((entry) => entry.rect.y === 0).length;
      expect(columns).toBe(Math.ceil(Math.sqrt(n)));
      // Every pane together covers the whole tab, with no overlap.
      const area = rects.reduce((sum, entry) => sum + entry.rect.w * entry.rect.h, 0);
      expect(area).toBeCloseTo(1);
    }
    expect(() => gridLayout([])).toThrow();
  });

  it('splits right beside a pane, and a second split in the same direction shares the space', () => {
    let layout = insertBeside(pane('a'), 'a', pane('b'), 'row');
    layout = insertBeside(layout, 'b', pane('c'), 'row');
    expect(layout).toEqual({
      type: 'split',
      direction: 'row',
      children: [pane('a'), pane('b'), pane('c')],
      sizes: [0.5, 0.25, 0.25],
    });
    layout = insertBeside(layout, 'a', pane('d'), 'column', 'before');
    expect(panesOf(layout)).toEqual(['d', 'a', 'b', 'c']);
    expect(computeRects(layout).panes.find((entry) => entry.sessionId === 'a')?.rect).toEqual({
      x: 0,
      y: 0.5,
      w: 0.5,
      h: 0.5,
    });
  });

  it('removes a pane and collapses splits left with one child', () => {
    const layout = gridLayout(['a', 'b', 'c']);
    expect(removePane(layout, 'c')).toEqual({
      type: 'split',
      direction: 'row',
      children: [pane('a'), pane('b')],
      sizes: [0.5, 0.5],
    });
    expect(removePane(pane('a'), 'a')).toBeNull();
    expect(removePane(layout, 'nope')).toEqual(layout);
  });

  it('moves a divider, never shrinking a pane below its minimum share', () => {
    const layout = gridLayout(['a', 'b']);
    const moved = resizeSplit(layout, [], 0, 0.2);
    expect(moved.type === 'split' && moved.sizes[0]).toBeCloseTo(0.7);
    expect(moved.type === 'split' && moved.sizes[1]).toBeCloseTo(0.3);
    const far = resizeSplit(layout, [], 0, 5);
    expect(far.type === 'split' && far.sizes[1]).toBeCloseTo(MIN_SHARE);
    const nested = resizeSplit(gridLayout(['a', 'b', 'c', 'd']), [1], 0, -0.1);
    expect(
      nested.type === 'split' && nested.children[1]?.type === 'split' && nested.children[1].sizes[0],
    ).toBeCloseTo(0.4);
  });

  it('finds the neighbour in each direction, and none past the edge', () => {
    const layout = gridLayout(['a', 'b', 'c', 'd']);
    expect(neighbour(layout, 'a', 'right')).toBe('b');
    expect(neighbour(layout, 'a', 'down')).toBe('c');
    expect(neighbour(layout, 'd', 'left')).toBe('c');
    expect(neighbour(layout, 'd', 'up')).toBe('b');
    expect(neighbour(layout, 'a', 'left')).toBeNull();
    expect(neighbour(layout, 'zzz', 'left')).toBeNull();
  });

  it('shows only the maximised pane, full size, and no dividers', () => {
    const layout = gridLayout(['a', 'b', 'c']);
    expect(computeRects(layout).dividers).toHaveLength(2);
    expect(computeRects(layout, 'b')).toEqual({
      panes: [{ sessionId: 'b', rect: { x: 0, y: 0, w: 1, h: 1 } }],
      dividers: [],
    });
  });

  it('prunes sessions that are gone and panes listed twice', () => {
    const layout = {
      type: 'split' as const,
      direction: 'row' as const,
      children: [pane('a'), pane('gone'), pane('a'), pane('b')],
      sizes: [0.25, 0.25, 0.25, 0.25],
    };
    expect(pruneLayout(layout, (id) => id !== 'gone')).toEqual({
      type: 'split',
      direction: 'row',
      children: [pane('a'), pane('b')],
      sizes: [0.5, 0.5],
    });
    expect(pruneLayout(layout, () => false)).toBeNull();
  });
});
