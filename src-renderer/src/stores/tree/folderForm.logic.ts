import { treeFields, type TreeFolder, type TreeMutation } from '../../../../src-preload/api';
import {
  emptySettingsForm,
  settingsFormFrom,
  settingsFromForm,
  TOP_LEVEL,
  validateSettings,
  type SettingsFormValues,
} from './settingsForm.logic';

export interface FolderFormValues extends SettingsFormValues {
  name: string;
  /** A folder id or TOP_LEVEL. */
  parent: string;
  notes: string;
}

export type FolderFormErrors = Partial<Record<keyof FolderFormValues, string>>;
export type FolderFormMode = { kind: 'create' } | { kind: 'edit'; folderId: string; originalParent: string };

export function newFolderForm(parentId: string | null): FolderFormValues {
  return { ...emptySettingsForm, name: '', parent: parentId ?? TOP_LEVEL, notes: '' };
}

export function folderFormFrom(folder: TreeFolder): FolderFormValues {
  return {
    ...settingsFormFrom(folder.settings),
    name: folder.name,
    parent: folder.parentId ?? TOP_LEVEL,
    notes: folder.notes ?? '',
  };
}

export function validateFolderForm(values: FolderFormValues): FolderFormErrors {
  const errors: FolderFormErrors = { ...validateSettings(values) };
  const name = treeFields.label.safeParse(values.name);
  if (!name.success) errors.name = name.error.issues[0]?.message ?? 'invalid';
  return errors;
}

export function folderFormMutations(values: FolderFormValues, mode: FolderFormMode): TreeMutation[] {
  const settings = settingsFromForm(values);
  const parentId = values.parent === TOP_LEVEL ? null : values.parent;
  if (mode.kind === 'create')
    return [{ op: 'folder.create', name: values.name.trim(), parentId, settings, notes: values.notes }];
  const update: TreeMutation = {
    op: 'folder.update',
    folderId: mode.folderId,
    name: values.name.trim(),
    settings,
    notes: values.notes,
  };
  return values.parent === mode.originalParent
    ? [update]
    : [update, { op: 'folder.move', folderId: mode.folderId, parentId }];
}
