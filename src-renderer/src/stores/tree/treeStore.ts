import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SourceFolderFormValues, SourceFolderRef } from './sourceFolderForm.logic';
import type { EventPayload, RequestResult } from '../../../../src-preload/api';
import type { MenuItem } from './contextMenu.logic';
import type { FolderFormMode, FolderFormValues } from './folderForm.logic';
import type { HostFormMode, HostFormValues } from './hostForm.logic';
import {
  allVisibleSelected,
  clicked,
  ensureSelectedForMenu,
  expansionChanged,
  extendedTo,
  focused,
  initialTreeView,
  overlayChanged,
  queryChanged,
  selectionCleared,
  selectionToggled,
  snapshotLoaded,
  type TreeViewState,
} from './treeState.logic';
import type { TreeExportDocument } from '../../../../src-preload/api';

/** The modal dialog the tree shows, if any. */
export type TreeDialog =
  | { kind: 'host'; mode: HostFormMode; initial: HostFormValues; title: string }
  | { kind: 'folder'; mode: FolderFormMode; initial: FolderFormValues; title: string }
  | { kind: 'sourceFolder'; folder: SourceFolderRef; initial: SourceFolderFormValues; title: string }
  | { kind: 'moveTo'; what: { hostIds: string[] } | { folderId: string }; title: string }
  | { kind: 'confirm'; title: string; message: string; confirmLabel: string; run: () => Promise<void> | void }
  | { kind: 'import'; document: TreeExportDocument; fileName: string };

export interface TreeMenu {
  x: number;
  y: number;
  nodeId: string;
  items: MenuItem[];
}

export interface TreeStoreState extends TreeViewState {
  dialog: TreeDialog | null;
  menu: TreeMenu | null;
  /** Bumped to ask the tree to move DOM focus to its tab stop (after a dialog, or from the search box). */
  focusRequest: number;
}

export interface TreeActions {
  loaded(snapshot: RequestResult<'tree:get'>): void;
  changed(change: EventPayload<'tree:changed'>): void;
  setQuery(query: string): void;
  setExpanded(nodeId: string, expanded: boolean): void;
  focus(nodeId: string): void;
  click(nodeId: string, modifiers: { toggle: boolean; range: boolean }): void;
  extendTo(nodeId: string): void;
  toggleSelection(nodeId: string): void;
  selectAllVisible(): void;
  clearSelection(): void;
  openMenu(menu: TreeMenu): void;
  closeMenu(): void;
  openDialog(dialog: TreeDialog): void;
  closeDialog(): void;
  requestFocus(): void;
}

export type TreeStore = StoreApi<TreeStoreState & TreeActions>;

export function createTreeStore(): TreeStore {
  return createStore<TreeStoreState & TreeActions>()((set) => {
    const view = (change: (state: TreeViewState) => TreeViewState) => set((state) => change(state));
    return {
      ...initialTreeView(),
      dialog: null,
      menu: null,
      focusRequest: 0,
      loaded: (snapshot) => view((state) => snapshotLoaded(state, snapshot)),
      changed: (change) => view((state) => overlayChanged(state, change)),
      setQuery: (query) => view((state) => queryChanged(state, query)),
      setExpanded: (nodeId, expanded) => view((state) => expansionChanged(state, nodeId, expanded)),
      focus: (nodeId) => view((state) => focused(state, nodeId)),
      click: (nodeId, modifiers) => view((state) => clicked(state, nodeId, modifiers)),
      extendTo: (nodeId) => view((state) => extendedTo(state, nodeId)),
      toggleSelection: (nodeId) => view((state) => selectionToggled(state, nodeId)),
      selectAllVisible: () => view(allVisibleSelected),
      clearSelection: () => view(selectionCleared),
      openMenu: (menu) => set((state) => ({ ...ensureSelectedForMenu(state, menu.nodeId), menu })),
      closeMenu: () => set({ menu: null }),
      openDialog: (dialog) => set({ dialog, menu: null }),
      closeDialog: () => set((state) => ({ dialog: null, focusRequest: state.focusRequest + 1 })),
      requestFocus: () => set((state) => ({ focusRequest: state.focusRequest + 1 })),
    };
  });
}
