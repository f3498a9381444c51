/**
 * An Ansible inventory (one or more files or directories, merged in order) as a source of
 * hosts for the tree. Host ids are `ansible:<key>:<inventory hostname>`, stable across
 * syncs. Groups become folders; a host in several groups lists every folder path in its
 * AnsibleHostConnection.groupPaths, and Host.groups carries the primary one.
 */
import type { Host } from '../../../src-preload/api';
import type { HostSource, HostSourceSnapshot } from '../hostSource';
import {
  hostIdTooLong,
  mapAnsibleHost,
  sshOptionsFor,
  toHost,
  type AnsibleHostConnection,
} from './ansibleHostMapper';
import type { InventoryFileSystem, InventoryScriptRunner } from './inventoryFileSystem';
import { formatProblem, type InventoryProblem } from './inventoryProblem';
import { loadAnsibleInventory, type LoadedInventory } from './loadAnsibleInventory';

export interface AnsibleSourceConfig {
  /** Unique among Ansible sources and stable: it is part of every host id. Letters, digits, `.`, `_`, `-`. */
  key: string;
  label: string;
  /** Inventory files and directories (or `a,b,` host lists), merged in this order. */
  paths: readonly string[];
  /** Run executable inventory scripts. Off by default. */
  allowScripts?: boolean;
  /** Let ssh run ProxyCommands found in ansible_ssh_*_args. Off by default. */
  allowProxyCommand?: boolean;
}

export interface AnsibleSourceDeps {
  files: InventoryFileSystem;
  /** Needed only when allowScripts is on. */
  runScript?: InventoryScriptRunner;
}

/** One group as a folder: its direct hosts (by id) and child groups, in inventory order. */
export interface AnsibleGroupFolder {
  name: string;
  children: string[];
  hostIds: string[];
}

export interface AnsibleInventorySnapshot {
  hosts: AnsibleHostConnection[];
  /** Every group but `all` and `ungrouped`; top-level folders are the children of `all`. */
  groups: AnsibleGroupFolder[];
  topLevelGroups: string[];
  /** Files that could not be read (errors) and things skipped (warnings), each naming its file and line. */
  problems: InventoryProblem[];
}

export class AnsibleInventorySource implements HostSource {
  readonly id: string;
  readonly kind = 'ansible' as const;
  readonly label: string;
  private connections = new Map<string, AnsibleHostConnection>();

  constructor(
    private readonly config: AnsibleSourceConfig,
    private readonly deps: AnsibleSourceDeps,
  ) {
    // A ':' in the key would let `ansible:a:b:host` mean two different hosts.
    if (!/^[A-Za-z0-9._-]+$/.test(config.key)) {
      throw new Error(
        `an Ansible source key must be letters, digits, '.', '_' or '-': ${JSON.stringify(config.key)}`,
      );
    }
    this.id = `ansible:${config.key}`;
    this.label = config.label;
  }

  async load(): Promise<HostSourceSnapshot> {
    const snapshot = await this.loadInventory();
    const errors = snapshot.problems.filter((p) => p.severity === 'error');
    return {
      hosts: snapshot.hosts.map(toHost),
      location: this.config.paths.join(', '),
      ...(errors.length > 0 ? { error: describeErrors(errors) } : {}),
    };
  }

  /** The full reading: connection details, folders, problems. */
  async loadInventory(): Promise<AnsibleInventorySnapshot> {
    const inventory = await loadAnsibleInventory(
      this.config.paths,
      { files: this.deps.files },
      {
        allowScripts: this.config.allowScripts === true,
        ...(this.deps.runScript ? { runScript: this.deps.runScript } : {}),
      },
    );
    const snapshot = snapshotOf(inventory, this.id, this.config.allowProxyCommand === true);
    this.connections = new Map(snapshot.hosts.map((host) => [host.id, host]));
    return snapshot;
  }

  /** The connection details behind a Host this source returned. */
  connectionFor(hostId: string): AnsibleHostConnection | undefined {
    return this.connections.get(hostId);
  }

  sshDestination(host: Host): string {
    return this.connections.get(host.id)?.address ?? host.address ?? host.label;
  }

  /** Port, user, identity file and jump host as ssh options (argv), for the session to place before `--`. */
  sshOptions(host: Host): string[] {
    const connection = this.connections.get(host.id);
    return connection
      ? sshOptionsFor(connection, { allowProxyCommand: this.config.allowProxyCommand === true })
      : [];
  }
}

export function snapshotOf(
  inventory: LoadedInventory,
  sourceId: string,
  allowProxyCommand: boolean,
): AnsibleInventorySnapshot {
  const problems = [...inventory.problems];
  const hosts: AnsibleHostConnection[] = [];
  for (const name of inventory.model.hosts.keys()) {
    const connection = mapAnsibleHost(inventory.model, name, inventory.hostVariables(name), {
      sourceId,
      allowProxyCommand,
    });
    if (hostIdTooLong(connection)) {
      problems.push({
        severity: 'error',
        message: `host ${JSON.stringify(name.slice(0, 80))}... has too long a name; skipped`,
      });
      continue;
    }
    hosts.push(connection);
  }
  const groups: AnsibleGroupFolder[] = [];
  for (const group of inventory.model.groups.values()) {
    if (group.name === 'all' || group.name === 'ungrouped') continue;
    groups.push({
      name: group.name,
      children: [...group.children],
      hostIds: group.hosts.map((host) => `${sourceId}:${host}`),
    });
  }
  const topLevelGroups = (inventory.model.groups.get('all')?.children ?? []).filter((g) => g !== 'ungrouped');
  return { hosts, groups, topLevelGroups, problems };
}

function describeErrors(errors: readonly InventoryProblem[]): string {
  const shown = errors
    .slice(0, 3)
    .map((problem) => formatProblem(problem, { fileText: false }).replace(/^error: /, ''));
  const more = errors.length > shown.length ? ` (and ${errors.length - shown.length} more)` : '';
  return `${errors.length === 1 ? 'A file' : `${errors.length} files`} could not be read: ${shown.join('; ')}${more}`;
}
