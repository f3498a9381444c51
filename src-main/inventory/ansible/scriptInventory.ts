/**
 * The JSON an inventory script prints for `--list`, which is also what
 * `ansible-inventory --list` prints: `{group: {hosts: [...], vars: {...}, children: [...]},
 * _meta: {hostvars: {host: {...}}}}`. Ported from plugins/inventory/script.py: a group
 * given as a bare list is its hosts, a group mapping without any of hosts/vars/children
 * is a host of the same name with those vars, and host names are taken literally (no
 * ranges, no ports).
 */
import { InventoryParseError } from './inventoryProblem';
import { InventoryDataError, type InventoryTransaction } from './inventoryTransaction';
import {
  asPythonString,
  isInventoryMap,
  pythonTypeName,
  type InventoryKey,
  type InventoryMap,
  type InventoryValue,
} from './inventoryValue';
import type { KeyLines } from './yamlLoader';

export interface ScriptOutputContext {
  inventory: InventoryTransaction;
  keyLines: KeyLines;
  /** `script --host NAME`, for output without `_meta.hostvars`; absent for a saved file. */
  hostVars?: (host: string) => Promise<InventoryValue>;
}

/** Whether a document is in this format rather than a YAML-style inventory: it has `_meta`. */
export function looksLikeScriptOutput(data: InventoryValue | undefined): boolean {
  return isInventoryMap(data) && data.has('_meta');
}

export async function parseScriptOutput(
  data: InventoryValue | undefined,
  context: ScriptOutputContext,
): Promise<void> {
  if (!isInventoryMap(data)) {
    throw new InventoryParseError(`needs to be a json dict, got ${pythonTypeName(data)}`);
  }
  const hosts = new Set<string>();
  let hostVarsFromMeta: InventoryValue | undefined;
  for (const [group, groupData] of data) {
    const line = context.keyLines.get(data)?.get(group);
    try {
      if (group === '_meta') {
        if (isInventoryMap(groupData) && groupData.has('hostvars'))
          hostVarsFromMeta = groupData.get('hostvars');
      } else {
        readGroup(context.inventory, group, groupData, hosts);
      }
    } catch (error) {
      if (error instanceof InventoryDataError) throw new InventoryParseError(error.message, line);
      throw error;
    }
  }
  for (const host of hosts) {
    let vars: InventoryValue;
    if (hostVarsFromMeta === undefined) {
      vars = context.hostVars ? await context.hostVars(host) : new Map();
    } else if (isInventoryMap(hostVarsFromMeta)) {
      vars = hostVarsFromMeta.get(host) ?? new Map();
    } else {
      throw new InventoryParseError(
        `Improperly formatted host information for ${host}: _meta.hostvars is not a dict`,
      );
    }
    if (!isInventoryMap(vars)) {
      throw new InventoryParseError(
        `Invalid data for host ${host}: expected a dictionary, got ${pythonTypeName(vars)}`,
      );
    }
    for (const [key, value] of vars) context.inventory.setVariable(host, key, value);
  }
}

function readGroup(
  inventory: InventoryTransaction,
  name: InventoryKey,
  raw: InventoryValue,
  hosts: Set<string>,
): void {
  const group = inventory.addGroup(name);
  const data = normalize(group, raw);
  if (data.has('hosts')) {
    const list = data.get('hosts');
    if (!Array.isArray(list))
      throw new InventoryDataError(`You defined a group '${group}' with bad data for the host list`);
    for (const entry of list) {
      const host = asPythonString(entry);
      if (host === undefined) {
        throw new InventoryDataError(
          `Invalid host name supplied, expected a string but got ${pythonTypeName(entry)} in group ${group}`,
        );
      }
      inventory.addHost(host, group);
      hosts.add(host);
    }
  }
  if (data.has('vars')) {
    const vars = data.get('vars');
    if (!isInventoryMap(vars))
      throw new InventoryDataError(`You defined a group '${group}' with bad data for variables`);
    for (const [key, value] of vars) inventory.setVariable(group, key, value);
  }
  if (data.has('children')) {
    for (const child of iterateLikePython(data.get('children') ?? null, group)) {
      inventory.addChild(group, inventory.addGroup(child));
    }
  }
}

function normalize(group: string, raw: InventoryValue): InventoryMap {
  if (!isInventoryMap(raw)) return new Map([['hosts', raw]]);
  if (!['hosts', 'vars', 'children'].some((key) => raw.has(key))) {
    return new Map<InventoryKey, InventoryValue>([
      ['hosts', [group]],
      ['vars', raw],
    ]);
  }
  return raw;
}

/** `for child in data['children']`: a list's items, a dict's keys, a string's characters. */
function iterateLikePython(value: InventoryValue, group: string): InventoryValue[] {
  if (Array.isArray(value)) return value;
  if (isInventoryMap(value)) return [...value.keys()] as InventoryValue[];
  const text = asPythonString(value);
  if (text !== undefined) return [...text];
  throw new InventoryDataError(`the children of group ${group} must be a list, got ${pythonTypeName(value)}`);
}
