import { sourceGroupKey, type TreeMutation, type TreeOverlay } from '../../../../src-preload/api';
import {
  settingsFormFrom,
  settingsFromForm,
  validateSettings,
  type SettingsField,
  type SettingsFormValues,
} from './settingsForm.logic';

/** A folder a source makes: the source's own branch (path []) or a group inside it (a NetBox site...). */
export interface SourceFolderRef {
  sourceId: string;
  path: string[];
}

export interface SourceFolderFormValues extends SettingsFormValues {
  notes: string;
}

/** The source folder a tree node stands for, read from its id (`source:<id>` or `group:[id, ...path]`). */
export function sourceFolderOf(nodeId: string): SourceFolderRef | undefined {
  if (nodeId.startsWith('source:')) return { sourceId: nodeId.slice('source:'.length), path: [] };
  if (!nodeId.startsWith('group:')) return undefined;
  try {
    const parts: unknown = JSON.parse(nodeId.slice('group:'.length));
    if (!Array.isArray(parts) || parts.length < 2 || !parts.every((part) => typeof part === 'string'))
      return undefined;
    const [sourceId = '', ...path] = parts;
    return { sourceId, path };
  } catch {
    return undefined;
  }
}

export function sourceFolderFormFrom(overlay: TreeOverlay, ref: SourceFolderRef): SourceFolderFormValues {
  const group = overlay.sourceGroups?.[sourceGroupKey(ref.sourceId, ref.path)];
  return { ...settingsFormFrom(group?.settings), notes: group?.notes ?? '' };
}

export function validateSourceFolderForm(
  values: SourceFolderFormValues,
): Partial<Record<SettingsField | 'notes', string>> {
  return validateSettings(values);
}

export function sourceFolderMutations(values: SourceFolderFormValues, ref: SourceFolderRef): TreeMutation[] {
  return [
    {
      op: 'sourceGroup.update',
      sourceId: ref.sourceId,
      path: ref.path,
      settings: settingsFromForm(values),
      notes: values.notes,
    },
  ];
}
