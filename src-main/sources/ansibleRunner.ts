import type { AnsibleSourceOptions, Host } from '../../src-preload/api';
import type { AnsibleHostConnection } from '../inventory/ansible/ansibleHostMapper';
import { AnsibleInventorySource } from '../inventory/ansible/ansibleSource';
import type { InventoryFileSystem, InventoryScriptRunner } from '../inventory/ansible/inventoryFileSystem';
import { formatProblem } from '../inventory/ansible/inventoryProblem';
import type { SourceRunner, SyncedHosts } from './sourceRunner';

export interface AnsibleRunnerDeps {
  files: InventoryFileSystem;
  runScript?: InventoryScriptRunner;
  watch?: (paths: readonly string[], onChange: () => void) => () => void;
}

/**
 * Reads an Ansible inventory for the SyncManager. All or nothing: a file that cannot be read
 * (malformed, missing) fails the whole sync with every such file named with its line, so the
 * source keeps its last good hosts instead of silently losing the hosts of that file.
 */
export function ansibleRunner(
  key: string,
  label: string,
  options: AnsibleSourceOptions,
  deps: AnsibleRunnerDeps,
): SourceRunner {
  const source = new AnsibleInventorySource(
    {
      key,
      label,
      paths: options.paths,
      allowScripts: options.allowScripts,
      allowProxyCommand: options.allowProxyCommand,
    },
    { files: deps.files, ...(deps.runScript ? { runScript: deps.runScript } : {}) },
  );
  return {
    async sync({ onProgress }): Promise<SyncedHosts> {
      const snapshot = await source.loadInventory();
      const errors = snapshot.problems.filter((p) => p.severity === 'error');
      if (errors.length > 0) {
        // The page sees the file and the line, never the file's text (docs/security.md).
        const shown = errors
          .slice(0, 3)
          .map((p) => formatProblem(p, { fileText: false }).replace(/^error: /, ''));
        const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
        throw new Error(`The inventory could not be read: ${shown.join('; ')}${more}`);
      }
      const hosts = snapshot.hosts.map((c) => syncedAnsibleHost(c, options.allowProxyCommand));
      onProgress({ fetched: hosts.length, total: hosts.length });
      const warnings = [
        ...snapshot.problems.map((p) => formatProblem(p, { fileText: false })),
        ...snapshot.hosts.flatMap((c) => (c.problem ? [`${c.inventoryHostname}: ${c.problem}`] : [])),
      ];
      return { hosts, warnings: warnings.slice(0, 200) };
    },
    ...(deps.watch ? { watch: (onChange: () => void) => deps.watch!(options.paths, onChange) } : {}),
  };
}

/** The tree's Host with everything ssh needs from the inventory (key file, jump host, ProxyCommand). */
export function syncedAnsibleHost(c: AnsibleHostConnection, allowProxyCommand: boolean): Host {
  const [primary, ...rest] = orderedPaths(c);
  return {
    id: c.id,
    label: c.inventoryHostname,
    address: c.address,
    ...(c.user === undefined ? {} : { user: c.user }),
    ...(c.port === undefined ? {} : { port: c.port }),
    sourceId: c.sourceId,
    groups: primary ?? [],
    ...(rest.length > 0 ? { otherGroups: rest } : {}),
    ...(c.problem === undefined ? {} : { problem: c.problem }),
    ...(c.identityFile === undefined || c.problem !== undefined ? {} : { identityFile: c.identityFile }),
    ...(c.proxyJump === undefined || c.proxyJump.toLowerCase() === 'none' || c.problem !== undefined
      ? {}
      : { jumpHost: c.proxyJump }),
    ...(c.proxyCommand === undefined
      ? {}
      : {
          proxyCommand: { command: c.proxyCommand, allowed: allowProxyCommand && c.proxyJump === undefined },
        }),
    ...(c.connection.kind === 'ssh' ? {} : { connection: c.connection.plugin }),
  };
}

/** The primary path first, then the others, each once. */
function orderedPaths(c: AnsibleHostConnection): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const path of [c.primaryGroupPath, ...c.groupPaths]) {
    const key = JSON.stringify(path);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(path);
  }
  return out;
}
