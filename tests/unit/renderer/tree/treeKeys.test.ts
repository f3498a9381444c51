import { describe, expect, it } from 'vitest';
import {
  treeKeyAction,
  type KeyPress,
  type KeyRows,
} from '../../../../src-renderer/src/stores/tree/treeKeys.logic';

// [Section] a b [Folder (closed)]
const ROWS = [
  { id: 'section', branch: true, expanded: true, parent: null },
  { id: 'a', branch: false, expanded: false, parent: 'section' },
  { id: 'b', branch: false, expanded: false, parent: 'section' },
  { id: 'folder', branch: true, expanded: false, parent: null },
];
const rows: KeyRows = {
  length: ROWS.length,
  nodeIdAt: (k) => ROWS[k]?.id ?? '',
  isBranchAt: (k) => ROWS[k]?.branch ?? false,
  expandedAt: (k) => ROWS[k]?.expanded ?? false,
  parentIdAt: (k) => ROWS[k]?.parent ?? null,
  indexOf: (id) => ROWS.findIndex((row) => row.id === id),
};
const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('tree keys', () => {
  it('arrows, Home and End move the focus; with Shift they extend the selection', () => {
    expect(treeKeyAction(rows, 'a', press('ArrowDown'))).toEqual({
      type: 'focus',
      nodeId: 'b',
      extend: false,
    });
    expect(treeKeyAction(rows, 'a', press('ArrowUp', { shiftKey: true }))).toEqual({
      type: 'focus',
      nodeId: 'section',
      extend: true,
    });
    expect(treeKeyAction(rows, 'section', press('ArrowUp'))).toBeNull();
    expect(treeKeyAction(rows, 'b', press('End', { shiftKey: true }))).toEqual({
      type: 'focus',
      nodeId: 'folder',
      extend: true,
    });
    expect(treeKeyAction(rows, null, press('ArrowDown'))).toEqual({
      type: 'focus',
      nodeId: 'section',
      extend: false,
    });
  });

  it('Right opens or steps in, Left closes or steps out', () => {
    expect(treeKeyAction(rows, 'folder', press('ArrowRight'))).toEqual({ type: 'expand', nodeId: 'folder' });
    expect(treeKeyAction(rows, 'section', press('ArrowRight'))).toEqual({
      type: 'focus',
      nodeId: 'a',
      extend: false,
    });
    expect(treeKeyAction(rows, 'section', press('ArrowLeft'))).toEqual({
      type: 'collapse',
      nodeId: 'section',
    });
    expect(treeKeyAction(rows, 'b', press('ArrowLeft'))).toEqual({
      type: 'focus',
      nodeId: 'section',
      extend: false,
    });
  });

  it('Enter connects (Shift+Enter: as a group), Space toggles, A or Ctrl+A selects all, Esc clears', () => {
    expect(treeKeyAction(rows, 'a', press('Enter'))).toEqual({ type: 'activate', nodeId: 'a' });
    expect(treeKeyAction(rows, 'a', press('Enter', { shiftKey: true }))).toEqual({
      type: 'openGroup',
      nodeId: 'a',
    });
    expect(treeKeyAction(rows, 'folder', press('Enter'))).toEqual({ type: 'expand', nodeId: 'folder' });
    expect(treeKeyAction(rows, 'a', press(' '))).toEqual({ type: 'toggleSelection', nodeId: 'a' });
    expect(treeKeyAction(rows, 'section', press(' '))).toBeNull();
    expect(treeKeyAction(rows, 'a', press('a'))).toEqual({ type: 'selectAll' });
    expect(treeKeyAction(rows, 'a', press('a', { ctrlKey: true }))).toEqual({ type: 'selectAll' });
    expect(treeKeyAction(rows, 'a', press('Escape'))).toEqual({ type: 'escape' });
    expect(treeKeyAction(rows, 'a', press('/'))).toEqual({ type: 'focusSearch' });
  });

  it('menu key, Shift+F10, F2 and Delete act on the focused row; other chords pass', () => {
    expect(treeKeyAction(rows, 'b', press('ContextMenu'))).toEqual({ type: 'contextMenu', nodeId: 'b' });
    expect(treeKeyAction(rows, 'b', press('F10', { shiftKey: true }))).toEqual({
      type: 'contextMenu',
      nodeId: 'b',
    });
    expect(treeKeyAction(rows, 'b', press('F2'))).toEqual({ type: 'edit', nodeId: 'b' });
    expect(treeKeyAction(rows, 'b', press('Delete'))).toEqual({ type: 'remove', nodeId: 'b' });
    expect(treeKeyAction(rows, 'b', press('Tab', { ctrlKey: true }))).toBeNull();
    expect(treeKeyAction(rows, 'b', press('ArrowDown', { altKey: true }))).toBeNull();
  });
});
