import { useTreeState } from '../../tree/useTree';
import { FolderFormDialog } from './FolderFormDialog';
import { HostFormDialog } from './HostFormDialog';
import { ConfirmDialog, ImportDialog, MoveToDialog } from './SmallDialogs';
import { SourceFolderDialog } from './SourceFolderDialog';

/** The one dialog the tree shows at a time (the tree store says which). */
export function TreeDialogs() {
  const dialog = useTreeState((state) => state.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'host':
      return (
        <HostFormDialog
          key={JSON.stringify(dialog.mode)}
          title={dialog.title}
          mode={dialog.mode}
          initial={dialog.initial}
        />
      );
    case 'folder':
      return (
        <FolderFormDialog
          key={JSON.stringify(dialog.mode)}
          title={dialog.title}
          mode={dialog.mode}
          initial={dialog.initial}
        />
      );
    case 'sourceFolder':
      return (
        <SourceFolderDialog
          key={JSON.stringify(dialog.folder)}
          title={dialog.title}
          folder={dialog.folder}
          initial={dialog.initial}
        />
      );
    case 'moveTo':
      return <MoveToDialog title={dialog.title} what={dialog.what} />;
    case 'confirm':
      return <ConfirmDialog {...dialog} />;
    case 'import':
      return <ImportDialog document={dialog.document} fileName={dialog.fileName} />;
  }
}
