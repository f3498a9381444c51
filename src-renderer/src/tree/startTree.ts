import { errorMessage } from '../app/errorMessage';
import type { MuxdeckClient } from '../bridge/client';
import type { AppStore } from '../stores/appStore';
import type { TreeStore } from '../stores/tree/treeStore';
import type { TreeCommands } from './treeCommands';

/**
 * Loads the tree, follows changes from every window (tree:changed), and tells the user what the store
 * had to do at start (a damaged file set aside, a backup restored). Returns the function that stops.
 */
export async function startTree(opts: {
  client: MuxdeckClient;
  tree: TreeStore;
  app: AppStore;
  commands: TreeCommands;
}): Promise<() => void> {
  const { client, tree, app } = opts;
  const stopChanges = client.on('tree:changed', (change) => {
    tree.getState().changed(change);
    if (change.manualHosts) {
      const { hosts, sources } = tree.getState().data;
      app.getState().hostsLoaded({ hosts: [...hosts], sources: [...sources] });
    }
  });
  const stopNotices = client.on('store:notice', (notice) => app.getState().notify(notice.message));
  const notices = client.invoke('store:notices', {}).then(
    (list) => {
      for (const notice of list) app.getState().notify(notice.message);
    },
    (error: unknown) => app.getState().notify(`Could not read the store's notices: ${errorMessage(error)}`),
  );
  await Promise.all([opts.commands.refresh(), notices]);
  return () => {
    stopChanges();
    stopNotices();
  };
}
