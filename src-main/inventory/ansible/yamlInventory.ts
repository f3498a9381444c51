/**
 * ansible's YAML inventory reader (plugins/inventory/yaml.py): top-level keys are groups,
 * each with optional `hosts`, `vars` and `children` mappings; `hosts: name` is a
 * one-host mapping; a host's value is its vars (or nothing); host keys are patterns
 * (ranges, `name:port`, `[v6]:port`) and must be strings. Keys that are not mappings
 * are skipped with a warning, as ansible does.
 */
import { expandHostPattern } from './hostPattern';
import { HostRangeError } from './hostRange';
import { InventoryParseError } from './inventoryProblem';
import { InventoryDataError, type InventoryTransaction } from './inventoryTransaction';
import {
  asPythonString,
  isInventoryMap,
  isTruthy,
  pythonTypeName,
  TimestampValue,
  UnsafeValue,
  type InventoryKey,
  type InventoryMap,
  type InventoryValue,
} from './inventoryValue';
import type { KeyLines } from './yamlLoader';

export interface YamlInventoryContext {
  inventory: InventoryTransaction;
  keyLines: KeyLines;
  warn(message: string, line?: number): void;
}

const SECTIONS = ['vars', 'children', 'hosts'] as const;

export function parseYamlInventory(data: InventoryValue | undefined, context: YamlInventoryContext): void {
  if (!isTruthy(data)) throw new InventoryParseError('Parsed empty YAML file');
  if (!isInventoryMap(data)) {
    throw new InventoryParseError(
      `YAML inventory has invalid structure, it should be a dictionary, got: ${pythonTypeName(data)}`,
    );
  }
  if (isTruthy(data.get('plugin'))) {
    throw new InventoryParseError(
      `this is an inventory plugin configuration (plugin: ${describeKey(data.get('plugin') ?? null)}), ` +
        'not an inventory; Muxdeck reads static inventories only',
      lineOf(context, data, 'plugin'),
    );
  }
  const reader = new YamlGroupReader(context);
  for (const [name, groupData] of data) reader.readGroup(name, groupData, lineOf(context, data, name));
}

class YamlGroupReader {
  constructor(private readonly context: YamlInventoryContext) {}

  /** _parse_group: returns the group's name, even when the group was skipped (ansible does too). */
  readGroup(name: InventoryKey, groupData: InventoryValue, line: number | undefined): InventoryKey {
    if (groupData !== null && !isInventoryMap(groupData)) {
      this.context.warn(`Skipping '${describeKey(name)}' as this is not a valid group definition`, line);
      return name;
    }
    let group: string;
    try {
      group = this.context.inventory.addGroup(name);
    } catch (error) {
      if (error instanceof InventoryDataError) {
        throw new InventoryParseError(`Unable to add group ${describeKey(name)}: ${error.message}`, line);
      }
      throw error;
    }
    if (groupData === null) return group;
    const sections = this.normalizedSections(group, groupData);
    for (const [key, value] of groupData) {
      const keyLine = lineOf(this.context, groupData, key);
      const section = typeof key === 'string' ? sections.get(key) : undefined;
      const content = section === undefined ? value : section;
      if (content !== null && !isInventoryMap(content)) {
        this.context.warn(
          `Skipping key (${describeKey(key)}) in group (${group}) as it is not a mapping, it is a ${pythonTypeName(content)}`,
          keyLine,
        );
        continue;
      }
      if (content === null) continue;
      if (key === 'vars') this.readVars(group, content);
      else if (key === 'children') this.readChildren(group, content);
      else if (key === 'hosts') this.readHosts(group, content);
      else {
        this.context.warn(
          `Skipping unexpected key (${describeKey(key)}) in group (${group}), only "vars", "children" and "hosts" are valid`,
          keyLine,
        );
      }
    }
    return group;
  }

  /** `hosts: web1` means `hosts: {web1: null}`; a section of any other kind fails the file. */
  private normalizedSections(group: string, groupData: InventoryMap): Map<string, InventoryValue> {
    const sections = new Map<string, InventoryValue>();
    for (const section of SECTIONS) {
      if (!groupData.has(section)) continue;
      let value = groupData.get(section) ?? null;
      const text = asPythonString(value);
      if (text !== undefined) value = new Map([[text, null]]);
      if (value !== null && !isInventoryMap(value)) {
        throw new InventoryParseError(
          `Invalid "${section}" entry for "${group}" group, requires a dictionary, found "${pythonTypeName(value)}" instead.`,
          lineOf(this.context, groupData, section),
        );
      }
      sections.set(section, value);
    }
    return sections;
  }

  private readVars(group: string, vars: InventoryMap): void {
    for (const [key, value] of vars)
      this.apply(vars, key, () => this.context.inventory.setVariable(group, key, value));
  }

  private readChildren(group: string, children: InventoryMap): void {
    for (const [name, childData] of children) {
      const line = lineOf(this.context, children, name);
      const child = this.readGroup(name, childData, line);
      this.apply(children, name, () => {
        const childName = asPythonString(child);
        if (childName === undefined)
          throw new InventoryDataError(`${describeKey(child)} is not a known host nor group`);
        this.context.inventory.addChild(group, childName);
      });
    }
  }

  private readHosts(group: string, hosts: InventoryMap): void {
    for (const [pattern, hostData] of hosts) {
      this.apply(hosts, pattern, () => {
        const text = asPythonString(pattern);
        if (text === undefined) {
          throw new InventoryParseError(
            `Host pattern ${describeKey(pattern)} must be a string. Enclose integers/floats in quotation marks.`,
          );
        }
        const { hostnames, port } = expandHostPattern(text);
        const vars = isTruthy(hostData) ? hostData : new Map<InventoryKey, InventoryValue>();
        if (!isInventoryMap(vars)) {
          throw new InventoryParseError(
            `Invalid data from file, expected dictionary and got a ${pythonTypeName(vars)} for host ${text}`,
          );
        }
        for (const host of hostnames) {
          this.context.inventory.addHost(host, group, port);
          for (const [key, value] of vars) this.context.inventory.setVariable(host, key, value);
        }
      });
    }
  }

  /** Runs one entry's changes, naming the entry's line when they fail. */
  private apply(map: InventoryMap, key: InventoryKey, action: () => void): void {
    try {
      action();
    } catch (error) {
      const line = lineOf(this.context, map, key);
      if (error instanceof InventoryParseError && error.line === undefined) {
        throw new InventoryParseError(error.detail, line);
      }
      if (error instanceof InventoryDataError || error instanceof HostRangeError) {
        throw new InventoryParseError(error.message, line);
      }
      throw error;
    }
  }
}

function lineOf(context: YamlInventoryContext, map: InventoryMap, key: InventoryKey): number | undefined {
  return context.keyLines.get(map)?.get(key);
}

/** How Python's str() shows a key or value in ansible's messages. */
export function describeKey(key: InventoryValue): string {
  if (key === null) return 'None';
  if (typeof key === 'boolean') return key ? 'True' : 'False';
  if (typeof key === 'string' || typeof key === 'number' || typeof key === 'bigint') return String(key);
  if (key instanceof UnsafeValue) return key.text;
  if (key instanceof TimestampValue) return key.iso;
  return pythonTypeName(key);
}
