import type { GroupLevel } from './netboxConfig';
import type { NetboxRecord, NetboxRef } from './netboxRecord';
import { visibleText } from './displayText';

/** One level of a host's place in the tree: the folder a user sees and a stable group key. */
export interface GroupStep {
  level: GroupLevel;
  /** Folder name as shown (NetBox's display name, hidden characters made visible). */
  folder: string;
  /** `<level>_<slug>`: unique per level, ASCII, usable as an Ansible group name. */
  key: string;
}

const NONE: Record<GroupLevel, string> = {
  site: '(no site)',
  location: '(no location)',
  role: '(no role)',
  tenant: '(no tenant)',
  platform: '(no platform)',
  cluster: '(no cluster)',
  tag: '(no tags)',
  status: '(no status)',
  kind: '(unknown kind)',
};

/**
 * Every folder path a host belongs in, outermost first, for grouping levels in the chosen
 * order. One path per combination: a host with two tags grouped by site then tag is in two
 * folders of its site. No levels: one empty path (the source's root).
 */
export function groupPaths(record: NetboxRecord, levels: readonly GroupLevel[]): GroupStep[][] {
  let paths: GroupStep[][] = [[]];
  for (const level of levels) {
    const steps = stepsFor(record, level);
    paths = paths.flatMap((path) => steps.map((step) => [...path, step]));
  }
  return paths;
}

function stepsFor(record: NetboxRecord, level: GroupLevel): GroupStep[] {
  switch (level) {
    case 'tag':
      return record.tags.length > 0 ? record.tags.map((t) => refStep(level, t)) : [noneStep(level)];
    case 'status':
      return record.status
        ? [{ level, folder: visibleText(record.status), key: `status_${slugKey(record.status)}` }]
        : [noneStep(level)];
    case 'kind':
      return [
        record.kind === 'device'
          ? { level, folder: 'Devices', key: 'kind_device' }
          : { level, folder: 'Virtual machines', key: 'kind_vm' },
      ];
    default: {
      const ref = record[level];
      return ref ? [refStep(level, ref)] : [noneStep(level)];
    }
  }
}

function refStep(level: GroupLevel, ref: NetboxRef): GroupStep {
  return { level, folder: visibleText(ref.name), key: `${level}_${slugKey(ref.slug ?? ref.name)}` };
}

function noneStep(level: GroupLevel): GroupStep {
  return { level, folder: NONE[level], key: `${level}__none` };
}

/**
 * NetBox slugs are [-a-zA-Z0-9_]; Ansible prefers [A-Za-z0-9_] in group names. Names without
 * a slug may hold any script: non-ASCII characters become their code points, so two different
 * names never share a key.
 */
function slugKey(text: string): string {
  const key = [...text.toLowerCase()]
    .map((ch) =>
      /[a-z0-9_]/.test(ch)
        ? ch
        : (ch.codePointAt(0) ?? 0) > 0x7f
          ? `u${(ch.codePointAt(0) ?? 0).toString(16)}`
          : '_',
    )
    .join('')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  return key === '' ? 'x' : key;
}
