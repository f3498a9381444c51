/**
 * Reads Ansible inventory sources (files, directories, host lists) merged in order,
 * exactly as `ansible-inventory -i A -i B` does, and answers each host's variables.
 * Nothing here runs unless allowed, evaluates, or decrypts: inventory data is hostile.
 */
import { AdjacentVars } from './adjacentVars';
import type { InventoryFileSystem } from './inventoryFileSystem';
import type { InventoryModel } from './inventoryModel';
import type { InventoryProblem } from './inventoryProblem';
import { parseInventorySources, type InventorySourceOptions } from './inventorySources';
import type { InventoryMap } from './inventoryValue';
import { hostVariables } from './variablePrecedence';

export interface LoadedInventory {
  readonly sources: readonly string[];
  readonly model: InventoryModel;
  /** Errors (a file that could not be read) and warnings (something skipped), in the order met. */
  readonly problems: readonly InventoryProblem[];
  /** A host's merged variables, as `ansible-inventory --list` prints them. */
  hostVariables(host: string): InventoryMap;
}

export async function loadAnsibleInventory(
  sources: readonly string[],
  deps: { files: InventoryFileSystem },
  options: InventorySourceOptions = {},
): Promise<LoadedInventory> {
  const { model, problems } = await parseInventorySources(sources, deps, options);
  const adjacent = await AdjacentVars.load(
    deps.files,
    sources,
    { groups: model.groups.keys(), hosts: model.hosts.keys() },
    problems,
  );
  const cache = new Map<string, InventoryMap>();
  return {
    sources,
    model,
    problems,
    hostVariables(host) {
      let vars = cache.get(host);
      if (!vars) {
        vars = hostVariables(model, adjacent, host);
        cache.set(host, vars);
      }
      return vars;
    },
  };
}
