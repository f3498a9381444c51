import type { TreeService } from '../tree/treeService';
import type { Handlers } from './router';

type TreeChannel =
  | 'tree:get'
  | 'tree:apply'
  | 'tree:inherited'
  | 'tree:sshCommand'
  | 'tree:export'
  | 'tree:import'
  | 'tree:importSshConfig'
  | 'store:notices';

/** The tree and store channels; the router has validated every payload against api.ts before these run. */
export function createTreeHandlers(tree: TreeService): Pick<Handlers, TreeChannel> {
  return {
    'tree:get': () => tree.snapshot(),
    'tree:apply': ({ mutations }) => tree.apply(mutations),
    'tree:inherited': ({ folderId, hostId }) => tree.inherited(folderId, hostId),
    'tree:sshCommand': ({ hostId }) => tree.sshCommand(hostId),
    'tree:export': () => tree.exportDocument(),
    'tree:import': ({ document, mode }) => tree.importDocument(document, mode),
    'tree:importSshConfig': ({ folderId, newFolderName }) => tree.importSshConfig(folderId, newFolderName),
    'store:notices': () => [...tree.notices()],
  };
}
