/**
 * What one inventory file does to the inventory, recorded before anything is applied.
 *
 * ansible's parsers mutate the shared inventory as they go, so a file that fails on line
 * 40 leaves lines 1-39 behind (a FIXME in inventory/manager.py). Here a reader talks to a
 * transaction with the same operations (add_group, add_host, set_variable, add_child),
 * which answers "does this group exist?" from the inventory plus its own pending changes
 * and refuses up front whatever InventoryData would raise on. commit() then replays the
 * operations in order, so a file that parses is applied exactly as ansible applies it,
 * and a file that fails leaves no trace.
 */
import { ALL, groupPriority, type InventoryModel } from './inventoryModel';
import { asPythonString, pythonTypeName, type InventoryKey, type InventoryValue } from './inventoryValue';

/** An error ansible's InventoryData or Group would raise; the reader turns it into a parse error. */
export class InventoryDataError extends Error {}

type Operation =
  | { op: 'group'; name: string }
  | { op: 'host'; name: string; group: string | undefined; port: bigint | undefined }
  | { op: 'groupVar'; group: string; key: InventoryKey; value: InventoryValue }
  | { op: 'hostVar'; host: string; key: InventoryKey; value: InventoryValue }
  | { op: 'childGroup'; parent: string; child: string }
  | { op: 'childHost'; group: string; host: string };

export class InventoryTransaction {
  private readonly operations: Operation[] = [];
  private readonly newGroups = new Set<string>();
  private readonly newHosts = new Set<string>();
  private readonly newParents = new Map<string, Set<string>>();

  constructor(private readonly model: InventoryModel) {}

  hasGroup(name: string): boolean {
    return this.newGroups.has(name) || this.model.groups.has(name);
  }

  hasHost(name: string): boolean {
    return this.newHosts.has(name) || this.model.hosts.has(name);
  }

  /** InventoryData.add_group: returns the name it is known by. */
  addGroup(name: InventoryValue): string {
    const text = asPythonString(name);
    if (text === undefined) {
      throw new InventoryDataError(
        `Invalid group name supplied, expected a string but got ${pythonTypeName(name)} for ${describe(name)}`,
      );
    }
    if (text === '') throw new InventoryDataError('Invalid empty/false group name provided');
    if (!this.hasGroup(text)) {
      this.newGroups.add(text);
      this.operations.push({ op: 'group', name: text });
    }
    return text;
  }

  /** InventoryData.add_host: the port only applies to a host seen for the first time. */
  addHost(name: string, group?: string, port?: bigint): void {
    if (name === '') throw new InventoryDataError('Invalid empty host name provided');
    if (group !== undefined && !this.hasGroup(group)) {
      throw new InventoryDataError(`Could not find group ${group} in inventory`);
    }
    this.newHosts.add(name);
    this.operations.push({ op: 'host', name, group, port });
  }

  /** InventoryData.set_variable: a name that is both a group and a host means the group. */
  setVariable(entity: string, key: InventoryKey, value: InventoryValue): void {
    if (this.hasGroup(entity)) {
      if (key === 'ansible_group_priority' && groupPriority(value) === undefined) {
        throw new InventoryDataError(
          `ansible_group_priority of group ${entity} must be an integer, got ${describe(value)}`,
        );
      }
      this.operations.push({ op: 'groupVar', group: entity, key, value });
    } else if (this.hasHost(entity)) {
      this.operations.push({ op: 'hostVar', host: entity, key, value });
    } else {
      throw new InventoryDataError(`Could not identify group or host named ${entity}`);
    }
  }

  /** InventoryData.add_child: the child may be a group or a host. */
  addChild(group: string, child: string): void {
    if (!this.hasGroup(group)) throw new InventoryDataError(`${group} is not a known group`);
    if (this.hasGroup(child)) {
      this.checkNoLoop(group, child);
      this.operations.push({ op: 'childGroup', parent: group, child });
      const parents = this.newParents.get(child) ?? new Set<string>();
      parents.add(group);
      this.newParents.set(child, parents);
    } else if (this.hasHost(child)) {
      this.operations.push({ op: 'childHost', group, host: child });
    } else {
      throw new InventoryDataError(`${child} is not a known host nor group`);
    }
  }

  commit(): void {
    for (const operation of this.operations) {
      switch (operation.op) {
        case 'group':
          this.model.addGroup(operation.name);
          break;
        case 'host':
          this.model.addHost(operation.name, operation.group, operation.port);
          break;
        case 'groupVar':
          this.model.setGroupVariable(operation.group, operation.key, operation.value);
          break;
        case 'hostVar':
          this.model.setHostVariable(operation.host, operation.key, operation.value);
          break;
        case 'childGroup':
          this.model.addChildGroup(operation.parent, operation.child);
          break;
        case 'childHost':
          this.model.addHostToGroup(operation.group, operation.host);
          break;
      }
    }
  }

  private checkNoLoop(parent: string, child: string): void {
    if (parent === child) throw new InventoryDataError(`can't add group ${child} to itself`);
    // ansible accepts `all` as a child here, then fails as a whole when it reconciles.
    if (child === ALL) throw new InventoryDataError(`group all cannot be a child of ${parent}`);
    if (this.ancestors(parent).has(child)) {
      throw new InventoryDataError(
        `Adding group '${child}' as child to '${parent}' creates a recursive dependency loop.`,
      );
    }
  }

  private ancestors(group: string): Set<string> {
    const seen = new Set<string>();
    const pending = [group];
    while (pending.length > 0) {
      const name = pending.pop() ?? '';
      const parents = [...(this.model.groups.get(name)?.parents ?? []), ...(this.newParents.get(name) ?? [])];
      for (const parent of parents) {
        if (seen.has(parent)) continue;
        seen.add(parent);
        pending.push(parent);
      }
    }
    return seen;
  }
}

function describe(value: InventoryValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (value === null) return 'None';
  return pythonTypeName(value);
}
