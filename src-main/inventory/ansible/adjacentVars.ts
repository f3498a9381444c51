/**
 * `group_vars/` and `host_vars/` next to each inventory source (plugins/vars/host_group_vars.py
 * and DataLoader.find_vars_files): for an entity `web`, the first of `web`, `web.yml`,
 * `web.yaml`, `web.json` that exists wins; a directory is read recursively in sorted
 * order (hidden files, `~` backups and other extensions skipped), later files overriding
 * earlier ones. The directory searched is the source itself when it is a directory, else
 * the directory the source file is in, whether or not the source could be read.
 *
 * Departures from ansible, which aborts the whole run on any of these: a vault-encrypted
 * vars file is skipped with a warning, an unreadable or non-mapping one with an error, and
 * a name that would leave group_vars/ (`../x`) is not looked up.
 */
import { dirname, join, relative, isAbsolute, sep } from 'node:path';
import { loadData, VaultEncryptedFileError } from './dataLoader';
import type { InventoryFileSystem } from './inventoryFileSystem';
import { InventoryParseError, type InventoryProblem } from './inventoryProblem';
import { isInventoryMap, isTruthy, type InventoryMap } from './inventoryValue';
import { pythonExtension } from './pythonPath';
import { sortPythonStrings } from './pythonText';

export type VarsKind = 'group_vars' | 'host_vars';

const VARS_EXTENSIONS = ['', '.yml', '.yaml', '.json'];
const MAX_VARS_DIR_DEPTH = 16;

/** The vars each source's group_vars/host_vars give each name, read once and kept. */
export class AdjacentVars {
  private readonly loaded = new Map<string, InventoryMap | undefined>();
  private readonly fileCache = new Map<string, InventoryMap | undefined>();
  private readonly directories: Array<Partial<Record<VarsKind, string>>> = [];
  private readonly listings = new Map<string, Set<string>>();

  private constructor(
    private readonly files: InventoryFileSystem,
    private readonly problems: InventoryProblem[],
  ) {}

  /** Reads the vars files for the given groups and hosts from every source's directory. */
  static async load(
    files: InventoryFileSystem,
    sources: readonly string[],
    names: { groups: Iterable<string>; hosts: Iterable<string> },
    problems: InventoryProblem[],
  ): Promise<AdjacentVars> {
    const vars = new AdjacentVars(files, problems);
    for (const source of sources) vars.directories.push(await vars.varsDirectories(source));
    const groups = [...names.groups];
    const hosts = [...names.hosts];
    for (let i = 0; i < vars.directories.length; i++) {
      for (const group of groups) await vars.read(i, 'group_vars', group);
      for (const host of hosts) await vars.read(i, 'host_vars', host);
    }
    return vars;
  }

  get sourceCount(): number {
    return this.directories.length;
  }

  /** What source number `index` says about an entity; undefined when it says nothing. */
  get(index: number, kind: VarsKind, name: string): InventoryMap | undefined {
    return this.loaded.get(cacheKey(index, kind, name));
  }

  private async varsDirectories(source: string): Promise<Partial<Record<VarsKind, string>>> {
    const info = await this.files.stat(source);
    // A host list such as "web1,web2," has no directory.
    if (info.kind === 'missing' && source.includes(',')) return {};
    const base = info.kind === 'directory' ? source : dirname(source);
    const result: Partial<Record<VarsKind, string>> = {};
    for (const kind of ['group_vars', 'host_vars'] as const) {
      const dir = join(base, kind);
      const dirInfo = await this.files.stat(dir);
      if (dirInfo.kind === 'directory') result[kind] = dir;
      else if (dirInfo.kind !== 'missing') {
        this.problems.push({
          severity: 'warning',
          file: dir,
          message: `Found ${kind} that is not a directory, skipping`,
        });
      }
    }
    return result;
  }

  private async read(index: number, kind: VarsKind, name: string): Promise<void> {
    const dir = this.directories[index]?.[kind];
    if (!dir || name.startsWith('/') || name.includes('\0')) return;
    const files = await this.findVarsFiles(dir, name);
    let merged: InventoryMap | undefined;
    for (const file of files) {
      const data = await this.loadVarsFile(file);
      if (data) merged = new Map([...(merged ?? []), ...data]);
    }
    this.loaded.set(cacheKey(index, kind, name), merged);
  }

  /** DataLoader.find_vars_files: the first existing candidate, a file or a whole directory. */
  private async findVarsFiles(dir: string, name: string): Promise<string[]> {
    const base = join(dir, name);
    const inside = relative(dir, base);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
      this.problems.push({
        severity: 'warning',
        file: dir,
        message: `not looking up vars for ${JSON.stringify(name)}: the name leads outside ${dir}`,
      });
      return [];
    }
    for (const extension of VARS_EXTENSIONS) {
      const candidate = base + extension;
      if (!(await this.mayExist(dir, candidate))) continue;
      const info = await this.files.stat(candidate);
      if (info.kind === 'missing') continue;
      if (info.kind === 'directory') return this.varsFilesIn(candidate, 0);
      return [candidate];
    }
    return [];
  }

  /** A listing of group_vars/ answers most lookups without a stat per candidate (10,000 hosts). */
  private async mayExist(dir: string, candidate: string): Promise<boolean> {
    const inside = relative(dir, candidate);
    if (inside.includes(sep)) return true;
    let listing = this.listings.get(dir);
    if (!listing) {
      listing = new Set(await this.files.listDir(dir));
      this.listings.set(dir, listing);
    }
    return listing.has(inside);
  }

  private async varsFilesIn(dir: string, depth: number): Promise<string[]> {
    if (depth > MAX_VARS_DIR_DEPTH) {
      this.problems.push({
        severity: 'error',
        file: dir,
        message: 'vars directories nest too deeply; not read',
      });
      return [];
    }
    const found: string[] = [];
    for (const entry of sortPythonStrings(await this.files.listDir(dir))) {
      if (entry.startsWith('.') || entry.endsWith('~')) continue;
      const path = join(dir, entry);
      const extension = pythonExtension(entry);
      const info = await this.files.stat(path);
      if (info.kind === 'directory' && !extension) found.push(...(await this.varsFilesIn(path, depth + 1)));
      else if (info.kind === 'file' && VARS_EXTENSIONS.includes(extension)) found.push(path);
    }
    return found;
  }

  private async loadVarsFile(file: string): Promise<InventoryMap | undefined> {
    if (this.fileCache.has(file)) return this.fileCache.get(file);
    let result: InventoryMap | undefined;
    try {
      const data = loadData(await this.files.readText(file)).value;
      if (isTruthy(data)) {
        if (!isInventoryMap(data))
          throw new InventoryParseError('a vars file must hold a mapping of names to values');
        result = data;
      }
    } catch (error) {
      if (error instanceof VaultEncryptedFileError) {
        this.problems.push({ severity: 'warning', file, message: error.message });
      } else if (error instanceof InventoryParseError) {
        this.problems.push({
          severity: 'error',
          file,
          message: `${error.detail}; its variables are ignored`,
          ...(error.line === undefined ? {} : { line: error.line }),
          quotesFile: true,
        });
      } else {
        const reason = error instanceof Error ? error.message : String(error);
        this.problems.push({ severity: 'error', file, message: `cannot read the file: ${reason}` });
      }
    }
    this.fileCache.set(file, result);
    return result;
  }
}

function cacheKey(index: number, kind: VarsKind, name: string): string {
  return `${index}\0${kind}\0${name}`;
}
