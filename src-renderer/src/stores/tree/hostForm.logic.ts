import { treeFields, type HostOverlayView, type TreeMutation } from '../../../../src-preload/api';
import {
  emptySettingsForm,
  NOT_IN_FOLDERS,
  settingsFormFrom,
  settingsFromForm,
  TOP_LEVEL,
  validateSettings,
  type SettingsFormValues,
} from './settingsForm.logic';
import type { TreeEntry } from './treeEntries.logic';

export interface HostFormValues extends SettingsFormValues {
  label: string;
  hostName: string;
  /** A folder id, TOP_LEVEL, or NOT_IN_FOLDERS (synced hosts only). */
  folder: string;
  tags: string;
  notes: string;
}

export type HostFormField = keyof HostFormValues;
export type HostFormErrors = Partial<Record<HostFormField, string>>;

export type HostFormMode =
  | { kind: 'create' }
  | { kind: 'edit'; hostId: string; manual: boolean; sourceLabel: string; originalFolder: string };

export function newHostForm(folderId: string | null): HostFormValues {
  return {
    ...emptySettingsForm,
    label: '',
    hostName: '',
    folder: folderId ?? TOP_LEVEL,
    tags: '',
    notes: '',
  };
}

export function folderChoice(folderId: string | null | undefined): string {
  return folderId === undefined ? NOT_IN_FOLDERS : (folderId ?? TOP_LEVEL);
}

export function hostFormFrom(entry: TreeEntry, overlay: HostOverlayView | undefined): HostFormValues {
  return {
    ...settingsFormFrom(overlay?.settings),
    label: entry.originalLabel !== undefined || entry.manual ? entry.label : '',
    hostName: entry.manual ? (entry.host.address ?? '') : '',
    folder: folderChoice(entry.placement?.folderId),
    tags: entry.tags.join(', '),
    notes: entry.notes ?? '',
  };
}

export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

function issue(result: {
  success: boolean;
  error?: { issues: Array<{ message: string }> };
}): string | undefined {
  return result.success ? undefined : (result.error?.issues[0]?.message ?? 'invalid');
}

export function validateHostForm(values: HostFormValues, mode: HostFormMode): HostFormErrors {
  const errors: HostFormErrors = { ...validateSettings(values) };
  const manual = mode.kind === 'create' || mode.manual;
  if (manual || values.label.trim() !== '') {
    const problem = issue(treeFields.label.safeParse(values.label));
    if (problem) errors.label = problem;
  }
  if (manual) {
    const problem = issue(treeFields.hostName.safeParse(values.hostName));
    if (problem) errors.hostName = problem;
  }
  const badTag = parseTags(values.tags).find((tag) => !treeFields.tag.safeParse(tag).success);
  if (badTag !== undefined) errors.tags = `“${badTag.slice(0, 20)}” is too long for a tag (64 characters)`;
  const notes = issue(treeFields.notes.safeParse(values.notes));
  if (notes) errors.notes = notes;
  if (manual && values.folder === NOT_IN_FOLDERS) errors.folder = 'your own hosts live in a folder';
  return errors;
}

/** The mutations that save the form; call only when validateHostForm found nothing. */
export function hostFormMutations(values: HostFormValues, mode: HostFormMode): TreeMutation[] {
  const settings = settingsFromForm(values);
  const tags = parseTags(values.tags);
  const folderId = values.folder === TOP_LEVEL || values.folder === NOT_IN_FOLDERS ? null : values.folder;
  if (mode.kind === 'create') {
    return [
      {
        op: 'host.create',
        label: values.label.trim(),
        hostName: values.hostName.trim(),
        folderId,
        tags,
        notes: values.notes,
        settings,
      },
    ];
  }
  const update: TreeMutation = {
    op: 'host.update',
    hostId: mode.hostId,
    label: values.label.trim() === mode.sourceLabel && !mode.manual ? '' : values.label.trim(),
    ...(mode.manual ? { hostName: values.hostName.trim() } : {}),
    tags,
    notes: values.notes,
    settings,
  };
  if (values.folder === mode.originalFolder) return [update];
  if (values.folder === NOT_IN_FOLDERS) return [update, { op: 'host.unplace', hostIds: [mode.hostId] }];
  return [update, { op: 'host.move', hostIds: [mode.hostId], folderId }];
}
