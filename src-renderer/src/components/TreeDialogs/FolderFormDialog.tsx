import { useServices } from '../../app/AppServices';
import {
  folderFormMutations,
  validateFolderForm,
  type FolderFormMode,
  type FolderFormValues,
} from '../../stores/tree/folderForm.logic';
import { TOP_LEVEL } from '../../stores/tree/settingsForm.logic';
import { SECTION_FOLDERS } from '../../stores/tree/treeModel.logic';
import { useTreeState } from '../../tree/useTree';
import { Dialog } from './Dialog';
import { FolderSelect } from './FolderSelect';
import { FormField } from './FormField';
import { NotesField } from './NotesField';
import { DialogButtons } from './HostFormDialog';
import { SettingsFields } from './SettingsFields';
import { useInherited } from './useInherited';
import { useTreeForm } from './useTreeForm';

/** Create or edit one of the user's folders; its settings are inherited by everything inside. */
export function FolderFormDialog({
  title,
  mode,
  initial,
}: {
  title: string;
  mode: FolderFormMode;
  initial: FolderFormValues;
}) {
  const { store, commands } = useServices().tree;
  const folders = useTreeState((state) => state.data.overlay.folders);
  const close = () => store.getState().closeDialog();
  const form = useTreeForm({
    initial,
    validate: validateFolderForm,
    mutations: (values) => folderFormMutations(values, mode),
    onSaved: (result, values) => {
      commands.setExpanded(SECTION_FOLDERS, true);
      if (values.parent !== TOP_LEVEL) commands.setExpanded(`folder:${values.parent}`, true);
      const folderId = mode.kind === 'create' ? result.createdIds[0] : mode.folderId;
      if (folderId) store.getState().focus(`folder:${folderId}`);
      close();
    },
  });
  // A folder inherits from its parent: ask what a host directly in the parent would get.
  const inherited = useInherited(form.values.parent);
  const { values, errors } = form;
  return (
    <Dialog title={title} onClose={close} wide>
      <form className="form" noValidate onSubmit={(event) => void form.submit(event)}>
        <div className="form-grid">
          <FormField label="Name" error={errors.name}>
            {(control) => (
              <input
                {...control}
                data-autofocus
                className="form-input"
                value={values.name}
                placeholder="customers"
                autoComplete="off"
                onChange={(event) => form.set('name', event.target.value)}
                onBlur={() => form.blur('name')}
              />
            )}
          </FormField>
          <FormField label="Inside" error={errors.parent}>
            {(control) => (
              <FolderSelect
                control={control}
                folders={folders}
                value={values.parent}
                {...(mode.kind === 'edit' ? { exclude: mode.folderId } : {})}
                onChange={(value) => form.set('parent', value)}
              />
            )}
          </FormField>
        </div>
        <SettingsFields
          values={values}
          errors={errors}
          inherited={inherited}
          onChange={form.set}
          onBlur={form.blur}
        />
        <NotesField
          value={values.notes}
          error={errors.notes}
          rows={2}
          onChange={(value) => form.set('notes', value)}
        />
        <DialogButtons
          busy={form.busy}
          error={form.formError}
          saveLabel={mode.kind === 'create' ? 'Create folder' : 'Save'}
          onCancel={close}
        />
      </form>
    </Dialog>
  );
}
