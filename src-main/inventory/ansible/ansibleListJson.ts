/**
 * The output of `ansible-inventory --list` (cli/inventory.py json_inventory) for an
 * inventory: every group reachable from `all` with its direct `hosts` and its `children`
 * (empty lists dropped, and a group with neither dropped, though its parent still names
 * it), `all` without hosts, and `_meta.hostvars` with each host's merged variables
 * (hosts without any are left out). Printed with sorted keys and four-space indents, as
 * ansible prints it, with values encoded as AnsibleJSONEncoder encodes them.
 */
import { ALL } from './inventoryModel';
import type { LoadedInventory } from './loadAnsibleInventory';
import { jsonKeyOf, TimestampValue, UnsafeValue, VaultValue, type InventoryValue } from './inventoryValue';
import { comparePythonStrings } from './pythonText';

export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function toAnsibleListJson(inventory: LoadedInventory): JsonObject {
  const { model } = inventory;
  const result = emptyObject();
  const seen = new Set<string>();
  const formatGroup = (name: string): void => {
    const group = model.groups.get(name);
    if (!group) return;
    const entry = emptyObject();
    if (name !== ALL && group.hosts.length > 0) entry.hosts = [...group.hosts];
    if (group.children.length > 0) entry.children = [...group.children];
    if (Object.keys(entry).length > 0) result[name] = entry;
    for (const child of group.children) {
      if (seen.has(child)) continue;
      formatGroup(child);
      seen.add(child);
    }
  };
  formatGroup(ALL);
  const hostvars = emptyObject();
  for (const host of model.hosts.keys()) {
    const vars = inventory.hostVariables(host);
    if (vars.size > 0) hostvars[host] = toJson(vars);
  }
  const meta = emptyObject();
  meta.hostvars = hostvars;
  result._meta = meta;
  return result;
}

/** AnsibleJSONEncoder: vault values as {"__ansible_vault": ciphertext}, unsafe strings wrapped, dates isoformat. */
export function toJson(value: InventoryValue): JsonValue {
  if (value instanceof VaultValue) return { __ansible_vault: value.ciphertext };
  if (value instanceof UnsafeValue) return { __ansible_unsafe: value.text };
  if (value instanceof TimestampValue) return value.iso;
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Map) {
    const object = emptyObject();
    for (const [key, item] of value) object[jsonKeyOf(key)] = toJson(item);
    return object;
  }
  // JSON has no NaN or Infinity (Python prints them anyway, as invalid JSON).
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

/** json.dumps(sort_keys=True, indent=4, ensure_ascii=False), integers of any size included. */
export function formatAnsibleListJson(value: JsonValue): string {
  return format(value, '');
}

function format(value: JsonValue, indent: string): string {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + format(item, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(value).sort(comparePythonStrings);
  if (keys.length === 0) return '{}';
  const body = keys.map((key) => `${inner}${JSON.stringify(key)}: ${format(value[key] ?? null, inner)}`);
  return `{\n${body.join(',\n')}\n${indent}}`;
}

/** No prototype: a host or variable named `__proto__` is just a key. */
function emptyObject(): JsonObject {
  return Object.create(null) as JsonObject;
}
