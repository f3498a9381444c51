import type { TreeStore } from '../stores/tree/treeStore';
import type { TreeCommands } from './treeCommands';

/** The tree's state and what the UI asks of it; one of each per window (main.tsx). */
export interface TreeServices {
  store: TreeStore;
  commands: TreeCommands;
}
