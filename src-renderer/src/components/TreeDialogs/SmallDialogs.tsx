import { useState } from 'react';
import type { TreeExportDocument } from '../../../../src-preload/api';
import { useServices } from '../../app/AppServices';
import { TOP_LEVEL } from '../../stores/tree/settingsForm.logic';
import { useTreeState } from '../../tree/useTree';
import { Dialog } from './Dialog';
import { FolderSelect } from './FolderSelect';
import { FormField } from './FormField';

export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  run,
}: {
  title: string;
  message: string;
  confirmLabel: string;
  run: () => Promise<void> | void;
}) {
  const { store } = useServices().tree;
  const close = () => store.getState().closeDialog();
  return (
    <Dialog title={title} onClose={close}>
      <p className="dialog-message">{message}</p>
      <div className="dialog-footer">
        <button type="button" className="dialog-button" data-autofocus onClick={close}>
          Cancel
        </button>
        <button
          type="button"
          className="dialog-button is-primary"
          onClick={() => {
            close();
            void run();
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

/** "Move to…": the keyboard and menu way to do what dragging does. */
export function MoveToDialog({
  title,
  what,
}: {
  title: string;
  what: { hostIds: string[] } | { folderId: string };
}) {
  const { store, commands } = useServices().tree;
  const folders = useTreeState((state) => state.data.overlay.folders);
  const [target, setTarget] = useState(TOP_LEVEL);
  const close = () => store.getState().closeDialog();
  const move = () => {
    const folderId = target === TOP_LEVEL ? null : target;
    close();
    if (folderId !== null) commands.setExpanded(`folder:${folderId}`, true);
    void commands.apply(
      'hostIds' in what
        ? [{ op: 'host.move', hostIds: what.hostIds, folderId }]
        : [{ op: 'folder.move', folderId: what.folderId, parentId: folderId }],
    );
  };
  return (
    <Dialog title={title} onClose={close}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          move();
        }}
      >
        <FormField label="Destination folder">
          {(control) => (
            <FolderSelect
              control={control}
              folders={folders}
              value={target}
              {...('folderId' in what ? { exclude: what.folderId } : {})}
              onChange={setTarget}
            />
          )}
        </FormField>
        <div className="dialog-footer">
          <button type="button" className="dialog-button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="dialog-button is-primary">
            Move
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function ImportDialog({ document, fileName }: { document: TreeExportDocument; fileName: string }) {
  const { store, commands } = useServices().tree;
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const close = () => store.getState().closeDialog();
  const synced = Object.keys(document.hosts).filter((id) => !id.startsWith('manual:')).length;
  return (
    <Dialog title={`Import ${fileName}`} onClose={close}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          close();
          void commands.importTree(document, mode);
        }}
      >
        <p className="dialog-message">
          {document.folders.length} folders, {document.manualHosts.length} of your own hosts, and what you set
          for {synced} synced hosts.
        </p>
        <fieldset className="form-choices">
          <legend>How</legend>
          <label>
            <input type="radio" name="mode" checked={mode === 'merge'} onChange={() => setMode('merge')} />{' '}
            Merge: add to the tree you have
          </label>
          <label>
            <input
              type="radio"
              name="mode"
              checked={mode === 'replace'}
              onChange={() => setMode('replace')}
            />{' '}
            Replace: the file becomes your tree (export yours first if you may want it back)
          </label>
        </fieldset>
        <div className="dialog-footer">
          <button type="button" className="dialog-button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="dialog-button is-primary" data-autofocus>
            Import
          </button>
        </div>
      </form>
    </Dialog>
  );
}
