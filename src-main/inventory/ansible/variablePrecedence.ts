/**
 * A host's variables as `ansible-inventory --list` shows them: VariableManager.get_vars
 * (vars/manager.py) with its default precedence, lowest first:
 *   1. `all`'s inline vars
 *   2. inline vars of the host's other groups, by (depth, ansible_group_priority, name):
 *      a child beats its parent, `zulu` beats `alpha`
 *   3. group_vars/all of each source, in source order
 *   4. group_vars/<group> of each source, in source order, groups in the order of 2
 *   5. the host's inline vars
 *   6. host_vars/<host> of each source, in source order
 * Any group_vars file therefore beats any inline group var. Values replace, never merge
 * (hash_behaviour=replace). The magic variables ansible-inventory strips are stripped.
 */
import type { AdjacentVars } from './adjacentVars';
import { ALL, type InventoryModel } from './inventoryModel';
import type { InventoryMap } from './inventoryValue';

/** cli/inventory.py INTERNAL_VARS: set by ansible itself, never printed. */
export const INTERNAL_VARS: ReadonlySet<string> = new Set([
  'ansible_diff_mode',
  'ansible_config_file',
  'ansible_facts',
  'ansible_forks',
  'ansible_inventory_sources',
  'ansible_limit',
  'ansible_playbook_python',
  'ansible_run_tags',
  'ansible_skip_tags',
  'ansible_verbosity',
  'ansible_version',
  'inventory_dir',
  'inventory_file',
  'inventory_hostname',
  'inventory_hostname_short',
  'groups',
  'group_names',
  'omit',
  'playbook_dir',
]);

export function hostVariables(model: InventoryModel, adjacent: AdjacentVars, hostName: string): InventoryMap {
  const host = model.hosts.get(hostName);
  const result: InventoryMap = new Map();
  if (!host) return result;
  const merge = (vars: InventoryMap | undefined) => {
    for (const [key, value] of vars ?? []) result.set(key, value);
  };
  const groups = model.sortGroups([...model.groupsOfHost(hostName)].filter((name) => name !== ALL));
  merge(model.groups.get(ALL)?.vars);
  for (const group of groups) merge(model.groups.get(group)?.vars);
  for (let source = 0; source < adjacent.sourceCount; source++)
    merge(adjacent.get(source, 'group_vars', ALL));
  for (let source = 0; source < adjacent.sourceCount; source++) {
    for (const group of groups) merge(adjacent.get(source, 'group_vars', group));
  }
  merge(host.vars);
  for (let source = 0; source < adjacent.sourceCount; source++)
    merge(adjacent.get(source, 'host_vars', hostName));
  for (const key of INTERNAL_VARS) result.delete(key);
  return result;
}
