import { useMemo } from 'react';
import { useServices } from '../../app/AppServices';
import { jumpChoices } from '../../stores/tree/jumpChoices.logic';
import { useTreeState } from '../../tree/useTree';
import {
  sourceFolderMutations,
  validateSourceFolderForm,
  type SourceFolderFormValues,
  type SourceFolderRef,
} from '../../stores/tree/sourceFolderForm.logic';
import { Dialog } from './Dialog';
import { DialogButtons } from './HostFormDialog';
import { NotesField } from './NotesField';
import { SettingsFields } from './SettingsFields';
import { useInherited } from './useInherited';
import { useTreeForm } from './useTreeForm';
import { TOP_LEVEL } from '../../stores/tree/settingsForm.logic';

/**
 * Settings of a folder a source makes (a NetBox site, an Ansible group, the ssh config's branch): its hosts
 * inherit them as from the user's own folders. Its name and contents belong to the source.
 */
export function SourceFolderDialog({
  title,
  folder,
  initial,
}: {
  title: string;
  folder: SourceFolderRef;
  initial: SourceFolderFormValues;
}) {
  const { store } = useServices().tree;
  const close = () => store.getState().closeDialog();
  const form = useTreeForm({
    initial,
    validate: validateSourceFolderForm,
    mutations: (values) => sourceFolderMutations(values, folder),
    onSaved: () => close(),
  });
  // What a host with nothing else set would get: Muxdeck's defaults (a source folder sits in no folder).
  const inherited = useInherited(TOP_LEVEL);
  const { values, errors } = form;
  const hosts = useTreeState((state) => state.data.hosts);
  const sources = useTreeState((state) => state.data.sources);
  const choices = useMemo(() => jumpChoices(hosts, sources), [hosts, sources]);
  return (
    <Dialog title={title} onClose={close} wide>
      <form className="form" noValidate onSubmit={(event) => void form.submit(event)}>
        <p className="form-hint">
          Every host in this folder inherits these settings, after its own and those of your folders. They are
          kept across syncs.
        </p>
        <SettingsFields
          values={values}
          errors={errors}
          inherited={inherited}
          onChange={form.set}
          onBlur={form.blur}
          jump={{ choices }}
        />
        <NotesField
          value={values.notes}
          error={errors.notes}
          rows={2}
          onChange={(value) => form.set('notes', value)}
        />
        <DialogButtons busy={form.busy} error={form.formError} saveLabel="Save" onCancel={close} />
      </form>
    </Dialog>
  );
}
