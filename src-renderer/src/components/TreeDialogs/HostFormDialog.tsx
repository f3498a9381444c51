import { useMemo } from 'react';
import { useServices } from '../../app/AppServices';
import {
  hostFormMutations,
  validateHostForm,
  type HostFormMode,
  type HostFormValues,
} from '../../stores/tree/hostForm.logic';
import { jumpChoices, selfJumpWarning } from '../../stores/tree/jumpChoices.logic';
import { NOT_IN_FOLDERS, TOP_LEVEL } from '../../stores/tree/settingsForm.logic';
import { SECTION_FOLDERS } from '../../stores/tree/treeModel.logic';
import { useTreeState } from '../../tree/useTree';
import { Dialog } from './Dialog';
import { FolderSelect } from './FolderSelect';
import { FormField } from './FormField';
import { NotesField } from './NotesField';
import { SettingsFields } from './SettingsFields';
import { useInherited } from './useInherited';
import { useTreeForm } from './useTreeForm';

/** Create or edit a host: the user's own (everything) or a synced one (name, folder, tags, notes, settings). */
export function HostFormDialog({
  title,
  mode,
  initial,
}: {
  title: string;
  mode: HostFormMode;
  initial: HostFormValues;
}) {
  const { store, commands } = useServices().tree;
  const folders = useTreeState((state) => state.data.overlay.folders);
  const manual = mode.kind === 'create' || mode.manual;
  const close = () => store.getState().closeDialog();
  const form = useTreeForm({
    initial,
    validate: (values) => validateHostForm(values, mode),
    mutations: (values) => hostFormMutations(values, mode),
    onSaved: (result, values) => {
      // Show the user where the host went.
      if (values.folder !== NOT_IN_FOLDERS) {
        commands.setExpanded(SECTION_FOLDERS, true);
        if (values.folder !== TOP_LEVEL) commands.setExpanded(`folder:${values.folder}`, true);
        const hostId = mode.kind === 'create' ? result.createdIds[0] : mode.hostId;
        if (hostId) store.getState().focus(`placed:${hostId}`);
      }
      close();
    },
  });
  const editedId = mode.kind === 'edit' ? mode.hostId : undefined;
  const inherited = useInherited(form.values.folder, editedId);
  const { values, errors } = form;
  const hosts = useTreeState((state) => state.data.hosts);
  const sources = useTreeState((state) => state.data.sources);
  const choices = useMemo(() => jumpChoices(hosts, sources, editedId), [hosts, sources, editedId]);
  const edited = useMemo(() => hosts.find((host) => host.id === editedId), [hosts, editedId]);
  // The names ssh could reach this host by: as listed, and as typed in this form.
  const selfNames = [
    ...(edited ? [{ label: edited.label, address: edited.address }] : []),
    ...(manual ? [{ label: values.label.trim(), address: values.hostName.trim() || undefined }] : []),
  ];
  const jumpWarning = selfJumpWarning(selfNames, values.jumpHost, inherited?.jumpHost?.value);

  return (
    <Dialog title={title} onClose={close} wide>
      <form className="form" noValidate onSubmit={(event) => void form.submit(event)}>
        <div className="form-grid">
          <FormField
            label="Name"
            error={errors.label}
            hint={
              manual ? undefined : `Empty: “${mode.kind === 'edit' ? mode.sourceLabel : ''}” from its source`
            }
          >
            {(control) => (
              <input
                {...control}
                data-autofocus
                className="form-input"
                value={values.label}
                placeholder={mode.kind === 'edit' && !manual ? mode.sourceLabel : 'web-01'}
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => form.set('label', event.target.value)}
                onBlur={() => form.blur('label')}
              />
            )}
          </FormField>
          {manual ? (
            <FormField label="Host name or address" error={errors.hostName}>
              {(control) => (
                <input
                  {...control}
                  className="form-input"
                  value={values.hostName}
                  placeholder="web-01.example.com"
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(event) => form.set('hostName', event.target.value)}
                  onBlur={() => form.blur('hostName')}
                />
              )}
            </FormField>
          ) : null}
          <FormField label="Folder" error={errors.folder}>
            {(control) => (
              <FolderSelect
                control={control}
                folders={folders}
                value={values.folder}
                allowNone={!manual}
                onChange={(value) => form.set('folder', value)}
              />
            )}
          </FormField>
          <FormField label="Tags" error={errors.tags} hint="Separated by commas or spaces">
            {(control) => (
              <input
                {...control}
                className="form-input"
                value={values.tags}
                placeholder="prod, web"
                autoComplete="off"
                onChange={(event) => form.set('tags', event.target.value)}
                onBlur={() => form.blur('tags')}
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
          jump={{ choices, warning: jumpWarning }}
        />
        <NotesField
          value={values.notes}
          error={errors.notes}
          rows={3}
          onChange={(value) => form.set('notes', value)}
          onBlur={() => form.blur('notes')}
        />
        <DialogButtons
          busy={form.busy}
          error={form.formError}
          saveLabel={mode.kind === 'create' ? 'Create host' : 'Save'}
          onCancel={close}
        />
      </form>
    </Dialog>
  );
}

export function DialogButtons({
  busy,
  error,
  saveLabel,
  onCancel,
}: {
  busy: boolean;
  error: string | null;
  saveLabel: string;
  onCancel: () => void;
}) {
  return (
    <div className="dialog-footer">
      {error ? (
        <p role="alert" className="form-error dialog-error">
          {error}
        </p>
      ) : null}
      <button type="button" className="dialog-button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="dialog-button is-primary" disabled={busy}>
        {saveLabel}
      </button>
    </div>
  );
}
