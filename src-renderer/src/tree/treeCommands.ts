import {
  TreeExportDocument,
  type RequestResult,
  type SessionInfo,
  type TreeMutation,
} from '../../../src-preload/api';
import { sourceFolderFormFrom, sourceFolderOf } from '../stores/tree/sourceFolderForm.logic';
import type { AppCommands } from '../app/commands';
import { errorMessage } from '../app/errorMessage';
import type { MuxdeckClient } from '../bridge/client';
import type { AppStore } from '../stores/appStore';
import type { MenuCommand } from '../stores/tree/contextMenu.logic';
import { folderFormFrom, newFolderForm } from '../stores/tree/folderForm.logic';
import { folderChoice, hostFormFrom, newHostForm } from '../stores/tree/hostForm.logic';
import { emptyOverlay } from '../stores/tree/treeData';
import { SECTION_FOLDERS } from '../stores/tree/treeModel.logic';
import { targetsOf } from '../stores/tree/treeState.logic';
import { hostsUnder } from '../stores/run/runTargets.logic';
import type { TreeStore } from '../stores/tree/treeStore';
import type { TreeEntry } from '../stores/tree/treeEntries.logic';
import { downloadJson, exportFileName } from './fileTransfer';

/** Opening more than this many sessions at once asks first. */
export const CONFIRM_CONNECT_ABOVE = 8;
/** The serve transport refuses larger messages; a tree file this big is not a Muxdeck export anyway. */
const MAX_IMPORT_BYTES = 3_500_000;

export interface TreeCommands {
  refresh(): Promise<void>;
  apply(mutations: TreeMutation[]): Promise<RequestResult<'tree:apply'> | null>;
  setExpanded(nodeId: string, expanded: boolean): void;
  connect(hostIds: readonly string[]): void;
  /** Enter / double-click / "Connect" on a node: the selection when the node is part of it. */
  connectFrom(nodeId: string): void;
  /** Shift+Enter / "Open selection as a group" on a node: the selection when the node is part of it. */
  openGroupFrom(nodeId: string): void;
  runMenuCommand(command: MenuCommand, nodeId: string): void;
  newHost(folderId: string | null): void;
  newFolder(parentId: string | null): void;
  edit(nodeId: string): void;
  remove(nodeId: string): void;
  exportTree(): Promise<void>;
  importFile(file: File): Promise<void>;
  importTree(document: TreeExportDocument, mode: 'merge' | 'replace'): Promise<void>;
  importSshConfig(folderId: string | null, newFolderName?: string): Promise<void>;
}

export interface TreeCommandDeps {
  client: MuxdeckClient;
  tree: TreeStore;
  app: AppStore;
  appCommands: AppCommands;
  clipboard: { writeText(text: string): Promise<void> };
  /** Run on selection: opens its dialog for these hosts (labels as the tree shows them). */
  runOnHosts?: (hostIds: readonly string[], labels: readonly string[]) => void;
}

export function createTreeCommands(deps: TreeCommandDeps): TreeCommands {
  const { client } = deps;
  const tree = () => deps.tree.getState();
  const notify = (message: string) => deps.app.getState().notify(message);

  const entryOf = (hostId: string): TreeEntry | undefined => {
    const index = tree().model.entryIndexById.get(hostId);
    return index === undefined ? undefined : tree().model.entries[index];
  };
  const nodeOf = (nodeId: string) => {
    const index = tree().model.nodeIndexById.get(nodeId);
    return index === undefined ? undefined : tree().model.nodes[index];
  };
  const entryOfNode = (nodeId: string): TreeEntry | undefined => {
    const node = nodeOf(nodeId);
    return node && node.entry >= 0 ? tree().model.entries[node.entry] : undefined;
  };
  const labels = (hostIds: readonly string[]) => {
    const names = hostIds.map((id) => entryOf(id)?.label ?? id);
    return names.length <= 3
      ? names.join(', ')
      : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  };

  async function refresh(): Promise<void> {
    try {
      const snapshot = await client.invoke('tree:get', {});
      tree().loaded(snapshot);
      deps.app.getState().hostsLoaded({ hosts: snapshot.hosts, sources: snapshot.sources });
    } catch (error) {
      if (!tree().data.loaded) tree().loaded({ hosts: [], sources: [], overlay: emptyOverlay });
      deps.app.getState().hostsLoaded({ hosts: [], sources: [] });
      notify(`Could not load hosts: ${errorMessage(error)}`);
    }
  }

  async function apply(mutations: TreeMutation[]): Promise<RequestResult<'tree:apply'> | null> {
    try {
      return await client.invoke('tree:apply', { mutations });
    } catch (error) {
      notify(`Could not change the tree: ${errorMessage(error)}`);
      return null;
    }
  }

  /** Hosts that can be connected to; says how many cannot. */
  function connectableOf(hostIds: readonly string[]): string[] {
    const connectable = hostIds.filter((id) => entryOf(id) && !entryOf(id)?.missing);
    const skipped = hostIds.length - connectable.length;
    if (skipped > 0)
      notify(
        `${skipped === 1 ? 'One host is' : `${skipped} hosts are`} missing from its source and cannot be connected.`,
      );
    return connectable;
  }

  /** "Open selection as group" (Shift+Enter): a tab group of the hosts, tiled, ready to broadcast. */
  function openGroup(hostIds: readonly string[]): void {
    const connectable = connectableOf(hostIds);
    if (connectable.length === 0) return;
    const run = () => deps.appCommands.openGroup(connectable);
    if (connectable.length > CONFIRM_CONNECT_ABOVE) {
      tree().openDialog({
        kind: 'confirm',
        title: `Open ${connectable.length} sessions as a group?`,
        message: `This opens a session to each of ${labels(connectable)}.`,
        confirmLabel: `Open ${connectable.length} sessions`,
        run,
      });
    } else void run();
  }

  function connect(hostIds: readonly string[]): void {
    const connectable = connectableOf(hostIds);
    const run = async () => {
      for (const id of connectable) await deps.appCommands.openHost(id);
    };
    if (connectable.length > CONFIRM_CONNECT_ABOVE) {
      tree().openDialog({
        kind: 'confirm',
        title: `Open ${connectable.length} sessions?`,
        message: `This opens a tab for each of ${labels(connectable)}.`,
        confirmLabel: `Open ${connectable.length} sessions`,
        run,
      });
    } else void run();
  }

  function newHost(folderId: string | null): void {
    tree().openDialog({
      kind: 'host',
      mode: { kind: 'create' },
      initial: newHostForm(folderId),
      title: 'New host',
    });
  }

  function newFolder(parentId: string | null): void {
    tree().openDialog({
      kind: 'folder',
      mode: { kind: 'create' },
      initial: newFolderForm(parentId),
      title: 'New folder',
    });
  }

  function edit(nodeId: string): void {
    const node = nodeOf(nodeId);
    const sourceFolder =
      node?.kind === 'source' || node?.kind === 'group' ? sourceFolderOf(nodeId) : undefined;
    if (node && sourceFolder) {
      tree().openDialog({
        kind: 'sourceFolder',
        folder: sourceFolder,
        initial: sourceFolderFormFrom(tree().data.overlay, sourceFolder),
        title: `Folder settings: “${node.label}”`,
      });
      return;
    }
    if (node?.kind === 'folder' && node.folderId) {
      const folder = tree().data.overlay.folders.find((f) => f.id === node.folderId);
      if (!folder) return;
      tree().openDialog({
        kind: 'folder',
        mode: { kind: 'edit', folderId: folder.id, originalParent: folderChoice(folder.parentId) },
        initial: folderFormFrom(folder),
        title: `Edit folder “${folder.name}”`,
      });
      return;
    }
    const entry = entryOfNode(nodeId);
    if (!entry) return;
    tree().openDialog({
      kind: 'host',
      mode: {
        kind: 'edit',
        hostId: entry.hostId,
        manual: entry.manual,
        sourceLabel: entry.originalLabel ?? entry.label,
        originalFolder: folderChoice(entry.placement?.folderId),
      },
      initial: hostFormFrom(entry, tree().data.overlay.hosts[entry.hostId]),
      title: `Edit “${entry.label}”`,
    });
  }

  function confirmThen(
    title: string,
    message: string,
    confirmLabel: string,
    mutations: TreeMutation[],
  ): void {
    tree().openDialog({
      kind: 'confirm',
      title,
      message,
      confirmLabel,
      run: async () => void (await apply(mutations)),
    });
  }

  function removeFromFolders(hostIds: string[]): void {
    const manual = hostIds.filter((id) => entryOf(id)?.manual);
    const synced = hostIds.filter((id) => !entryOf(id)?.manual);
    const mutations: TreeMutation[] = [
      ...(manual.length > 0 ? [{ op: 'host.delete' as const, hostIds: manual }] : []),
      ...(synced.length > 0 ? [{ op: 'host.unplace' as const, hostIds: synced }] : []),
    ];
    if (manual.length === 0) {
      void apply(mutations);
      return;
    }
    confirmThen(
      manual.length === 1 ? `Delete “${labels(manual)}”?` : `Delete ${manual.length} hosts?`,
      `${labels(manual)} will be deleted with ${manual.length === 1 ? 'its' : 'their'} settings and notes.` +
        (synced.length > 0
          ? ` ${labels(synced)} only leave${synced.length === 1 ? 's' : ''} the folder.`
          : '') +
        openSessionsNote(deps.app.getState().sessions, manual),
      'Delete',
      mutations,
    );
  }

  function forget(hostIds: string[]): void {
    confirmThen(
      `Forget ${hostIds.length === 1 ? `“${labels(hostIds)}”` : `${hostIds.length} hosts`}?`,
      `Your name, notes, tags, settings, folder and favourite for ${labels(hostIds)} are dropped. The source's own data is not touched.`,
      'Forget',
      [{ op: 'host.forget', hostIds }],
    );
  }

  function deleteFolder(folderId: string): void {
    const node = nodeOf(`folder:${folderId}`);
    const count = node?.hostCount ?? 0;
    confirmThen(
      `Delete folder “${node?.label ?? folderId}”?`,
      count === 0
        ? 'The folder and its subfolders are deleted.'
        : `The folder, its subfolders and your own hosts in them are deleted; synced hosts in it only leave it (${count} hosts in all).`,
      'Delete folder',
      [{ op: 'folder.delete', folderId }],
    );
  }

  function remove(nodeId: string): void {
    const node = nodeOf(nodeId);
    if (!node) return;
    if (node.kind === 'folder' && node.folderId) return deleteFolder(node.folderId);
    const targets = targetsOf(tree(), nodeId);
    if (targets.length === 0) return;
    switch (node.area) {
      case 'favourites':
        return void apply([{ op: 'favourite.set', hostIds: targets, favourite: false }]);
      case 'recent':
        return void apply([{ op: 'recent.remove', hostIds: targets }]);
      case 'folders':
        return removeFromFolders(targets);
      case 'source': {
        // A synced host is removed at its source; here there is only what the user added to forget.
        const customised = targets.filter((id) => {
          const entry = entryOf(id);
          return (
            entry &&
            (entry.originalLabel ||
              entry.placement ||
              entry.notes ||
              entry.tags.length > 0 ||
              entry.favourite)
          );
        });
        if (customised.length > 0) return forget(customised);
        return notify(
          'Hosts from a source are removed at their source; there is nothing of yours to forget here.',
        );
      }
    }
  }

  async function copy(text: string, what: string): Promise<void> {
    try {
      await deps.clipboard.writeText(text);
    } catch (error) {
      notify(`Could not copy the ${what}: ${errorMessage(error)}`);
    }
  }

  async function copySshCommand(hostId: string): Promise<void> {
    try {
      const { command } = await client.invoke('tree:sshCommand', { hostId });
      await copy(command, 'ssh command');
    } catch (error) {
      notify(`Could not build the ssh command: ${errorMessage(error)}`);
    }
  }

  function runOn(hostIds: readonly string[]): void {
    const runnable = [...new Set(hostIds)].filter((id) => entryOf(id) && !entryOf(id)?.missing);
    deps.runOnHosts?.(
      runnable,
      runnable.map((id) => entryOf(id)?.label ?? id),
    );
  }

  function runMenuCommand(command: MenuCommand, nodeId: string): void {
    const node = nodeOf(nodeId);
    const targets = targetsOf(tree(), nodeId);
    const folderHere =
      node?.kind === 'folder' ? node.folderId : node?.id === SECTION_FOLDERS ? null : undefined;
    switch (command) {
      case 'connect':
        return connect(targets);
      case 'connectSplit':
        return void deps.appCommands.connectInSplit(connectableOf(targets));
      case 'openGroup':
        return openGroup(targets);
      case 'runCommand':
        return runOn(node && node.entry < 0 ? hostsUnder(tree().model, nodeId) : targets);
      case 'copyAddress':
        // The bare host name or IP, for a browser, ping or a ticket; "Copy ssh command" has the rest.
        return void copy(
          targets
            .map((id) => entryOf(id)?.host.address ?? '')
            .filter(Boolean)
            .join('\n'),
          'address',
        );
      case 'copySshCommand':
        return void (targets[0] ? copySshCommand(targets[0]) : undefined);
      case 'edit':
      case 'editFolder':
        return edit(nodeId);
      case 'favourite':
      case 'unfavourite':
        return void apply([{ op: 'favourite.set', hostIds: targets, favourite: command === 'favourite' }]);
      case 'moveTo':
        if (node?.kind === 'folder' && node.folderId) {
          return tree().openDialog({
            kind: 'moveTo',
            what: { folderId: node.folderId },
            title: `Move folder “${node.label}” to…`,
          });
        }
        return tree().openDialog({
          kind: 'moveTo',
          what: { hostIds: targets },
          title: `Move ${targets.length === 1 ? `“${labels(targets)}”` : `${targets.length} hosts`} to…`,
        });
      case 'duplicate':
        return void (targets[0] ? apply([{ op: 'host.duplicate', hostId: targets[0] }]) : undefined);
      case 'removeFromFolders':
        return removeFromFolders(targets);
      case 'removeFromFavourites':
        return void apply([{ op: 'favourite.set', hostIds: targets, favourite: false }]);
      case 'removeFromRecent':
        return void apply([{ op: 'recent.remove', hostIds: targets }]);
      case 'forget':
        return forget(targets);
      case 'newFolder':
        return newFolder(folderHere ?? null);
      case 'newHost':
        return newHost(folderHere ?? null);
      case 'deleteFolder':
        return node?.folderId ? deleteFolder(node.folderId) : undefined;
      case 'importSshConfig':
        return void (folderHere === null
          ? importSshConfig(null, 'ssh config')
          : importSshConfig(folderHere ?? null));
      case 'clearRecent':
        return void apply([{ op: 'recent.clear' }]);
    }
  }

  async function exportTree(): Promise<void> {
    try {
      const document = await client.invoke('tree:export', {});
      downloadJson(exportFileName(new Date()), document);
    } catch (error) {
      notify(`Could not export the tree: ${errorMessage(error)}`);
    }
  }

  async function importFile(file: File): Promise<void> {
    if (file.size > MAX_IMPORT_BYTES) return notify(`${file.name} is too large to be a Muxdeck tree file.`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch (error) {
      return notify(`${file.name} is not JSON: ${errorMessage(error)}`);
    }
    const document = TreeExportDocument.safeParse(parsed);
    if (!document.success) {
      const issue = document.error.issues[0];
      return notify(
        `${file.name} is not a Muxdeck tree file (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unexpected content'}).`,
      );
    }
    tree().openDialog({ kind: 'import', document: document.data, fileName: file.name });
  }

  async function importTree(document: TreeExportDocument, mode: 'merge' | 'replace'): Promise<void> {
    try {
      const result = await client.invoke('tree:import', { document, mode });
      const warnings = result.warnings.length > 0 ? ` Note: ${result.warnings.join('; ')}.` : '';
      notify(`Imported ${result.folders} folders and ${result.hosts} hosts.${warnings}`);
    } catch (error) {
      notify(`Could not import the tree: ${errorMessage(error)}`);
    }
  }

  async function importSshConfig(folderId: string | null, newFolderName?: string): Promise<void> {
    try {
      const result = await client.invoke('tree:importSshConfig', {
        folderId,
        ...(newFolderName !== undefined ? { newFolderName } : {}),
      });
      if (result.folderId !== null) tree().setExpanded(`folder:${result.folderId}`, true);
      const skipped = result.skipped > 0 ? ` (${result.skipped} skipped: already there, or not usable)` : '';
      notify(`Imported ${result.created} hosts from your ssh config${skipped}.`);
    } catch (error) {
      notify(`Could not import the ssh config: ${errorMessage(error)}`);
    }
  }

  return {
    refresh,
    apply,
    setExpanded(nodeId, expanded) {
      tree().setExpanded(nodeId, expanded);
      // Remembered for the next start; this window does not wait for it.
      void client
        .invoke('tree:apply', { mutations: [{ op: 'layout.expand', nodeId, expanded }] })
        .catch(() => undefined);
    },
    connect,
    connectFrom: (nodeId) => connect(targetsOf(tree(), nodeId)),
    openGroupFrom: (nodeId) => openGroup(targetsOf(tree(), nodeId)),
    runMenuCommand,
    newHost,
    newFolder,
    edit,
    remove,
    exportTree,
    importFile,
    importTree,
    importSshConfig,
  };
}

/**
 * Deleting a host leaves its open sessions running (they are tmux sessions of their own): the question
 * says so, so nobody believes the shell went with the host or is surprised to find it still there.
 */
export function openSessionsNote(sessions: readonly SessionInfo[], hostIds: readonly string[]): string {
  const wanted = new Set(hostIds);
  const open = sessions.filter((session) => wanted.has(session.hostId) && session.state === 'running');
  if (open.length === 0) return '';
  const connected = open.filter((session) => session.status === 'connected').length;
  const what =
    open.length === 1
      ? `1 session to it is open${connected === 1 ? ' and connected' : ''}`
      : `${open.length} sessions to ${wanted.size === 1 ? 'it' : 'them'} are open${connected > 0 ? ` (${connected} connected)` : ''}`;
  return ` ${what}: ${open.length === 1 ? 'it stays' : 'they stay'} open until you close ${open.length === 1 ? 'it' : 'them'}.`;
}
