/**
 * `muxdeck run --hosts …`: which hosts a selection names. Comma-separated items, each one of:
 *   web1               a host by its label (as the tree shows it), or by id (ssh-config:web1)
 *   web-*              a glob over every host label (* any run of characters, ? one character)
 *   @name              every host in a folder or source group called name, at any depth, and below it
 *   prod/eu/*          hosts directly in My folders › prod › eu; prod/eu/** also takes subfolders;
 *   prod/eu/web-?      the last part may be a label or a glob; prod/eu alone means prod/eu/**
 *   ansible/web/*      a path may also start at a source (its label or id) and follow its groups
 * Every item must match at least one host, or nothing runs.
 */

export interface SelectableHost {
  id: string;
  /** The label the tree shows (the user's rename if any). */
  label: string;
  sourceId: string;
  /** Group path inside the source, outermost first. */
  groups: readonly string[];
  /** Folder in My folders (null: the top), or undefined when not placed there. */
  folderId?: string | null;
}

export interface SelectionUniverse {
  hosts: readonly SelectableHost[];
  sources: ReadonlyArray<{ id: string; label: string }>;
  folders: ReadonlyArray<{ id: string; name: string; parentId: string | null }>;
}

export type SelectionResult = { ok: true; hostIds: string[] } | { ok: false; errors: string[] };

const MAX_ITEMS = 1000;

export function splitSelection(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

export function selectHosts(items: readonly string[], universe: SelectionUniverse): SelectionResult {
  if (items.length === 0) return { ok: false, errors: ['no hosts given'] };
  if (items.length > MAX_ITEMS) return { ok: false, errors: [`at most ${MAX_ITEMS} items in --hosts`] };
  const errors: string[] = [];
  const chosen = new Set<string>();
  for (const item of items) {
    const problem = [...item].some((ch) => (ch.codePointAt(0) ?? 0) < 0x20)
      ? 'has control characters'
      : undefined;
    const matched = problem ? { error: problem } : matchItem(item, universe);
    if ('error' in matched) errors.push(`${JSON.stringify(item)}: ${matched.error}`);
    else if (matched.ids.length === 0) errors.push(`${JSON.stringify(item)}: matches no host`);
    else for (const id of matched.ids) chosen.add(id);
  }
  // Tree order, not the order items were typed: the same hosts always run (and print) alike.
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, hostIds: universe.hosts.filter((h) => chosen.has(h.id)).map((h) => h.id) };
}

type Match = { ids: string[] } | { error: string };

function matchItem(item: string, universe: SelectionUniverse): Match {
  if (item.startsWith('@')) return matchGroup(item.slice(1), universe);
  if (item.includes('/')) return matchPath(item.split('/'), universe);
  if (isGlob(item)) {
    const re = globToRegExp(item);
    return { ids: universe.hosts.filter((h) => re.test(h.label)).map((h) => h.id) };
  }
  const byId = universe.hosts.find((h) => h.id === item);
  if (byId) return { ids: [byId.id] };
  const byLabel = universe.hosts.filter((h) => h.label === item);
  if (byLabel.length > 1) {
    return {
      error: `${byLabel.length} hosts are called that (${byLabel.map((h) => h.id).join(', ')}); name one by its id`,
    };
  }
  return { ids: byLabel.map((h) => h.id) };
}

function matchGroup(name: string, universe: SelectionUniverse): Match {
  if (!name) return { error: 'give a group or folder name after @' };
  const folderIds = universe.folders.filter((f) => f.name === name).map((f) => f.id);
  const inFolders = hostsBelowFolders(new Set(folderIds), universe);
  const inGroups = universe.hosts.filter((h) => h.groups.includes(name)).map((h) => h.id);
  return { ids: [...new Set([...inFolders, ...inGroups])] };
}

function matchPath(parts: string[], universe: SelectionUniverse): Match {
  if (parts.some((part) => part.length === 0))
    return { error: 'a tree path has no empty parts (a//b, /a, a/)' };
  const last = parts[parts.length - 1] ?? '';
  const branch = parts.slice(0, -1);

  // My folders first: the user's own names win over a source's.
  const folder = walkFolders(branch, universe);
  if (folder !== undefined) return pickInFolder(folder, last, universe);
  const source = universe.sources.find((s) => s.id === branch[0] || s.label === branch[0]);
  if (source) return pickInSource(source.id, branch.slice(1), last, universe);
  return { error: `no folder or source called ${JSON.stringify(branch[0])}` };
}

/** The folder a path names (null for the top of My folders is never returned: a path starts at a folder). */
function walkFolders(names: readonly string[], universe: SelectionUniverse): string | undefined {
  let parent: string | null = null;
  for (const name of names) {
    const next = universe.folders.find((f) => f.parentId === parent && f.name === name);
    if (!next) return undefined;
    parent = next.id;
  }
  return parent ?? undefined;
}

function pickInFolder(folderId: string, last: string, universe: SelectionUniverse): Match {
  if (last === '**') return { ids: hostsBelowFolders(new Set([folderId]), universe) };
  const child = universe.folders.find((f) => f.parentId === folderId && f.name === last);
  const direct = universe.hosts.filter((h) => h.folderId === folderId);
  if (last === '*') return { ids: direct.map((h) => h.id) };
  const re = globToRegExp(last);
  const hosts = direct.filter((h) => re.test(h.label)).map((h) => h.id);
  if (hosts.length === 0 && child && !isGlob(last))
    return { ids: hostsBelowFolders(new Set([child.id]), universe) };
  return { ids: hosts };
}

function pickInSource(
  sourceId: string,
  groups: readonly string[],
  last: string,
  universe: SelectionUniverse,
): Match {
  const inSource = universe.hosts.filter((h) => h.sourceId === sourceId);
  const startsWith = (h: SelectableHost, path: readonly string[]) => path.every((g, i) => h.groups[i] === g);
  if (last === '**') return { ids: inSource.filter((h) => startsWith(h, groups)).map((h) => h.id) };
  const direct = inSource.filter((h) => h.groups.length === groups.length && startsWith(h, groups));
  if (last === '*') return { ids: direct.map((h) => h.id) };
  const re = globToRegExp(last);
  const hosts = direct.filter((h) => re.test(h.label)).map((h) => h.id);
  if (hosts.length === 0 && !isGlob(last)) {
    const below = [...groups, last];
    return { ids: inSource.filter((h) => startsWith(h, below)).map((h) => h.id) };
  }
  return { ids: hosts };
}

function hostsBelowFolders(roots: ReadonlySet<string>, universe: SelectionUniverse): string[] {
  if (roots.size === 0) return [];
  const below = new Set(roots);
  // Folders form a tree the store keeps acyclic; grow the set until no child is left out.
  for (let grew = true; grew;) {
    grew = false;
    for (const f of universe.folders) {
      if (f.parentId !== null && below.has(f.parentId) && !below.has(f.id)) {
        below.add(f.id);
        grew = true;
      }
    }
  }
  return universe.hosts.filter((h) => h.folderId != null && below.has(h.folderId)).map((h) => h.id);
}

function isGlob(text: string): boolean {
  return /[*?]/.test(text);
}

export function globToRegExp(glob: string): RegExp {
  const body = [...glob]
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}
