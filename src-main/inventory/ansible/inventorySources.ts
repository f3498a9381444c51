/**
 * Reads inventory sources in order into one inventory, as ansible's InventoryManager
 * does (inventory/manager.py): a directory is read entry by entry in sorted order,
 * skipping hidden files, group_vars/host_vars and ignored extensions (ansible-core 2.14
 * still ignores `*.ini` inside directories); each file is offered to the readers in
 * ansible's plugin order (script, auto, yaml, ini) and the first that succeeds wins;
 * `a,b:2222,` is a host list. Then `reconcile` hangs everything under `all`.
 *
 * Where Muxdeck departs from ansible, on purpose:
 * - a file that fails leaves nothing behind (ansible keeps what it read before the error);
 * - executable scripts run only when allowed; otherwise a `#!` file is skipped with a warning;
 * - a JSON file with a top-level `_meta` is read as inventory-script output (ansible-inventory
 *   --list output saved to a file), which ansible cannot read back;
 * - `plugin:` configurations (aws_ec2, netbox, constructed...) are reported, not run.
 */
import { join } from 'node:path';
import { loadData, VaultEncryptedFileError, type LoadedData } from './dataLoader';
import type { InventoryFileSystem, InventoryScriptRunner, PathInfo } from './inventoryFileSystem';
import { parseIniInventory } from './iniInventory';
import { InventoryModel, UNGROUPED } from './inventoryModel';
import { InventoryParseError, type InventoryProblem } from './inventoryProblem';
import { InventoryTransaction } from './inventoryTransaction';
import { isInventoryMap, isTruthy } from './inventoryValue';
import { loadJsonDocument } from './jsonLoader';
import { looksLikeScriptOutput, parseScriptOutput } from './scriptInventory';
import { describeKey, parseYamlInventory } from './yamlInventory';
import { parseAddress } from './hostPattern';
import { pythonExtension } from './pythonPath';
import { sortPythonStrings } from './pythonText';

export interface InventorySourceOptions {
  /** Run executable inventory scripts (`script --list`). Off unless the user allows it. */
  allowScripts?: boolean;
  runScript?: InventoryScriptRunner;
}

export interface InventorySourceDeps {
  files: InventoryFileSystem;
}

export interface ParsedSources {
  model: InventoryModel;
  problems: InventoryProblem[];
}

/** inventory/manager.py IGNORED: hidden entries, vars dirs, and INVENTORY_IGNORE_EXTS of 2.14. */
const IGNORED_ENTRY =
  /^\.|^host_vars$|^group_vars$|^vars_plugins$|\.pyc$|\.pyo$|\.swp$|\.bak$|~$|\.rpm$|\.md$|\.txt$|\.rst$|\.orig$|\.ini$|\.cfg$|\.retry$/;
/**
 * Ignored extensions a user may well have put an inventory in (`hosts.ini`): ansible skips them in a
 * directory with no word of which (it only says the directory could not be parsed), so these are named.
 * Documents, packages and editor leftovers are skipped silently, as there is nothing to learn from them.
 */
const SKIPPED_INVENTORY_LIKE = /\.(ini|cfg|txt)$/;
const YAML_EXTENSIONS = new Set(['', '.yaml', '.yml', '.json']);
/** Nested inventory directories; deeper is a symlink loop in practice. */
const MAX_DIRECTORY_DEPTH = 24;
/** Far above any real inventory file; a guard against reading a disk image by mistake. */
export const MAX_INVENTORY_FILE_BYTES = 64 * 1024 * 1024;

export async function parseInventorySources(
  sources: readonly string[],
  deps: InventorySourceDeps,
  options: InventorySourceOptions = {},
): Promise<ParsedSources> {
  const reader = new SourceReader(deps.files, options);
  for (const source of sources) {
    if (source) await reader.readSource(source);
  }
  reader.model.reconcile();
  return { model: reader.model, problems: reader.problems };
}

interface Attempt {
  reader: 'script' | 'yaml' | 'ini';
  error: InventoryParseError;
}

class SourceReader {
  readonly model = new InventoryModel();
  readonly problems: InventoryProblem[] = [];

  constructor(
    private readonly files: InventoryFileSystem,
    private readonly options: InventorySourceOptions,
  ) {}

  async readSource(source: string): Promise<void> {
    const info = await this.files.stat(source);
    if (info.kind === 'missing' && source.includes(',')) {
      this.readHostList(source);
      return;
    }
    await this.readPath(source, info, 0);
  }

  private async readPath(path: string, info: PathInfo, depth: number): Promise<void> {
    if (info.kind === 'directory') {
      if (depth >= MAX_DIRECTORY_DEPTH) {
        this.problem('error', path, `inventory directories nest deeper than ${MAX_DIRECTORY_DEPTH} levels`);
        return;
      }
      for (const name of sortPythonStrings(await this.files.listDir(path))) {
        if (IGNORED_ENTRY.test(name)) {
          if (!name.startsWith('.')) this.noteSkipped(join(path, name));
          continue;
        }
        const entry = join(path, name);
        await this.readPath(entry, await this.files.stat(entry), depth + 1);
      }
    } else if (info.kind === 'file') {
      await this.readFile(path, info);
    } else {
      this.problem(
        'error',
        path,
        info.kind === 'missing' ? 'no such file or directory' : 'not a regular file',
      );
    }
  }

  /** A file ansible would skip inside a directory and that may hold hosts: say so, and what to do. */
  private noteSkipped(path: string): void {
    const extension = SKIPPED_INVENTORY_LIKE.exec(path)?.[1];
    if (extension === undefined) return;
    this.problem(
      'warning',
      path,
      `skipped: ansible ignores *.${extension} files inside an inventory directory (INVENTORY_IGNORE_EXTS); ` +
        'add this file to the paths itself, or rename it without the extension (or to .yml for YAML)',
    );
  }

  private async readFile(path: string, info: PathInfo): Promise<void> {
    if (info.size > MAX_INVENTORY_FILE_BYTES) {
      this.problem('error', path, `the file is larger than ${MAX_INVENTORY_FILE_BYTES} bytes; not read`);
      return;
    }
    let text: string;
    try {
      text = await this.files.readText(path);
    } catch (error) {
      this.problem(
        'error',
        path,
        `cannot read the file: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    const attempts: Attempt[] = [];
    const looksLikeScript = text.startsWith('#!');
    if (looksLikeScript || info.executable) {
      if (this.options.allowScripts && this.options.runScript) {
        if (await this.attempt('script', attempts, (tx) => this.runScript(path, tx))) return;
      } else if (looksLikeScript) {
        this.problem(
          'warning',
          path,
          'this is an inventory script; it was not run because running scripts is not allowed for this source',
        );
        return;
      }
    }
    if (text.startsWith('$ANSIBLE_VAULT')) {
      this.problem('error', path, new VaultEncryptedFileError().message);
      return;
    }
    const extension = pythonExtension(path);
    // Parsed once, shared by the plugin-config check and the YAML reader.
    const loaded = YAML_EXTENSIONS.has(extension) ? loadOnce(text) : undefined;
    const pluginName =
      (extension === '.yml' || extension === '.yaml') && loaded?.data
        ? pluginConfigName(loaded.data)
        : undefined;
    if (pluginName !== undefined) {
      this.problem(
        'error',
        path,
        `this is an inventory plugin configuration (plugin: ${pluginName}); ` +
          'Muxdeck reads static inventories and inventory scripts only',
      );
      return;
    }
    if (loaded) {
      const warnings: InventoryProblem[] = [];
      const parsed = await this.attempt('yaml', attempts, async (tx) => {
        if (!loaded.data) throw loaded.error;
        await this.readYamlOrJson(loaded.data, tx, path, warnings);
      });
      if (parsed) {
        this.problems.push(...warnings);
        return;
      }
    }
    if (await this.attempt('ini', attempts, (tx) => parseIniInventory(text, tx))) return;
    const failure = chooseFailure(attempts, extension, isInventoryMap(loaded?.data?.value));
    this.problems.push({
      severity: 'error',
      file: path,
      message: failure.error.detail,
      ...(failure.error.line === undefined ? {} : { line: failure.error.line }),
      quotesFile: true,
    });
  }

  /** One reader's try in its own transaction: applied whole if it succeeds, forgotten if not. */
  private async attempt(
    reader: Attempt['reader'],
    attempts: Attempt[],
    read: (tx: InventoryTransaction) => void | Promise<void>,
  ): Promise<boolean> {
    const transaction = new InventoryTransaction(this.model);
    try {
      await read(transaction);
    } catch (error) {
      if (error instanceof InventoryParseError) {
        attempts.push({ reader, error });
        return false;
      }
      if (error instanceof VaultEncryptedFileError) {
        attempts.push({ reader, error: new InventoryParseError(error.message) });
        return false;
      }
      // Whatever else goes wrong in one file (a bug, a stack overflow) stays in that file.
      const reason = error instanceof Error ? error.message : String(error);
      attempts.push({ reader, error: new InventoryParseError(`could not be read: ${reason}`) });
      return false;
    }
    transaction.commit();
    return true;
  }

  private async readYamlOrJson(
    data: LoadedData,
    inventory: InventoryTransaction,
    file: string,
    warnings: InventoryProblem[],
  ): Promise<void> {
    if (data.format === 'json' && looksLikeScriptOutput(data.value)) {
      await parseScriptOutput(data.value, { inventory, keyLines: data.keyLines });
      return;
    }
    parseYamlInventory(data.value, {
      inventory,
      keyLines: data.keyLines,
      warn: (message, line) =>
        warnings.push({
          severity: 'warning',
          file,
          message,
          ...(line === undefined ? {} : { line }),
          quotesFile: true,
        }),
    });
  }

  private async runScript(path: string, inventory: InventoryTransaction): Promise<void> {
    const run = this.options.runScript;
    if (!run) return;
    const result = await run(path, ['--list']);
    if (result.code === null)
      throw new InventoryParseError(`could not run the inventory script: ${result.stderr}`);
    if (result.code !== 0) {
      throw new InventoryParseError(
        `the inventory script exited with status ${result.code}: ${result.stderr.trim()}`,
      );
    }
    let data;
    try {
      data = loadJsonDocument(result.stdout);
    } catch (error) {
      throw new InventoryParseError(
        `the inventory script's output is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    await parseScriptOutput(data.value, {
      inventory,
      keyLines: data.keyLines,
      hostVars: async (host) => {
        const hostResult = await run(path, ['--host', host]);
        if (hostResult.stdout.trim() === '') return new Map();
        try {
          return loadData(hostResult.stdout).value ?? new Map();
        } catch {
          throw new InventoryParseError(`could not parse the output of --host ${host}`);
        }
      },
    });
  }

  /** plugins/inventory/host_list.py: `-i 'web1,web2:2222,'`. */
  private readHostList(list: string): void {
    const transaction = new InventoryTransaction(this.model);
    for (const entry of list.split(',')) {
      const text = entry.trim();
      if (!text) continue;
      const address = parseAddress(text);
      const usable = address && !address.host.includes('[');
      const host = usable ? address.host : text;
      if (!transaction.hasHost(host)) transaction.addHost(host, UNGROUPED, usable ? address.port : undefined);
    }
    transaction.commit();
  }

  private problem(
    severity: InventoryProblem['severity'],
    file: string,
    message: string,
    line?: number,
  ): void {
    this.problems.push({ severity, file, message, ...(line === undefined ? {} : { line }) });
  }
}

/** The `auto` plugin's test: a YAML mapping with a `plugin:` key configures an inventory plugin. */
function pluginConfigName(data: LoadedData): string | undefined {
  const plugin = isInventoryMap(data.value) ? data.value.get('plugin') : undefined;
  return plugin !== undefined && isTruthy(plugin) ? describeKey(plugin) : undefined;
}

/** loadData, with its failure kept for the YAML reader to report. */
function loadOnce(text: string): { data?: LoadedData; error?: unknown } {
  try {
    return { data: loadData(text) };
  } catch (error) {
    return { error };
  }
}

/**
 * Which reader's complaint to show when none could read the file: the script's for a
 * script, the YAML reader's for a YAML file (or an extension-less file that is a YAML
 * mapping), the INI reader's otherwise.
 */
function chooseFailure(attempts: readonly Attempt[], extension: string, yamlMapping: boolean): Attempt {
  const byReader = (reader: Attempt['reader']) => attempts.find((a) => a.reader === reader);
  const yamlFirst = extension !== '' || yamlMapping;
  const preferred =
    byReader('script') ??
    (yamlFirst ? (byReader('yaml') ?? byReader('ini')) : (byReader('ini') ?? byReader('yaml')));
  return preferred ?? { reader: 'ini', error: new InventoryParseError('the file is not an inventory') };
}
