import type { WorkspaceLayout } from '../../src-preload/api';
import type { DurableStore } from './durableStore';

/**
 * The window's tabs, splits and groups, kept in the store's `layout` section next to the tree's
 * expansion state. Sessions live in tmux; this only remembers how they were arranged, by session id.
 */
export class WorkspaceLayoutStore {
  constructor(private readonly store: DurableStore) {}

  get(): WorkspaceLayout {
    return this.store.read().layout.workspace;
  }

  async set(layout: WorkspaceLayout): Promise<void> {
    await this.store.update((data) => ({ ...data, layout: { ...data.layout, workspace: layout } }));
  }
}
