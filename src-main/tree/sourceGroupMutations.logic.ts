import { sourceGroupKey, type TreeMutation } from '../../src-preload/api';
import { ownRecord } from '../common/ownRecord';
import { compactSettings, type TreeDraft } from './treeDraft';

type Op<K extends TreeMutation['op']> = Extract<TreeMutation, { op: K }>;

/**
 * Settings and notes on a source's folder. Kept by key whether or not the source lists that folder right
 * now: a failed or partial sync must not lose what the user set on a NetBox site.
 */
export function updateSourceGroup(draft: TreeDraft, m: Op<'sourceGroup.update'>): void {
  const key = sourceGroupKey(m.sourceId, m.path);
  const groups = draft.tree.sourceGroups ?? ownRecord();
  const settings = compactSettings(m.settings);
  const notes = m.notes.trim() === '' ? undefined : m.notes;
  if (Object.keys(settings).length === 0 && notes === undefined) delete groups[key];
  else groups[key] = { settings, ...(notes === undefined ? {} : { notes }) };
  draft.tree.sourceGroups = groups;
}
