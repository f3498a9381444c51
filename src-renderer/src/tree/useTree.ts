import { useStore } from 'zustand';
import { useServices } from '../app/AppServices';
import type { TreeActions, TreeStoreState } from '../stores/tree/treeStore';

/** Selects from the tree store; like useAppState, the selector must return stable values. */
export function useTreeState<T>(selector: (state: TreeStoreState & TreeActions) => T): T {
  return useStore(useServices().tree.store, selector);
}
