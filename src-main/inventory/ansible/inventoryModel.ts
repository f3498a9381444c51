/**
 * Hosts and groups as ansible's InventoryData holds them (inventory/data.py, group.py,
 * host.py): the implicit `all` and `ungrouped`, direct members in the order they were
 * added, child groups, inline vars, `ansible_group_priority`, and the reconcile step that
 * hangs parentless groups under `all` and moves group-less hosts into `ungrouped`.
 *
 * Mutations come only from InventoryTransaction.commit, which has already checked that
 * none of them can fail, so a file is either applied whole or not at all.
 */
import { UnsafeValue, type InventoryKey, type InventoryMap, type InventoryValue } from './inventoryValue';
import { comparePythonStrings } from './pythonText';

export const ALL = 'all';
export const UNGROUPED = 'ungrouped';

export class InventoryGroup {
  /** Direct member hosts, in the order ansible added them. */
  readonly hosts: string[] = [];
  readonly hostSet = new Set<string>();
  readonly children: string[] = [];
  readonly parents: string[] = [];
  readonly vars: InventoryMap = new Map();
  priority = 1;

  constructor(readonly name: string) {}
}

export class InventoryHost {
  readonly vars: InventoryMap = new Map();
  /** Groups that list this host directly. */
  readonly groups = new Set<string>();

  constructor(readonly name: string) {}
}

export class InventoryModel {
  readonly groups = new Map<string, InventoryGroup>();
  readonly hosts = new Map<string, InventoryHost>();
  private depths: Map<string, number> | undefined;

  constructor() {
    this.addGroup(ALL);
    this.addGroup(UNGROUPED);
    this.addChildGroup(ALL, UNGROUPED);
  }

  addGroup(name: string): void {
    if (!this.groups.has(name)) this.groups.set(name, new InventoryGroup(name));
    this.depths = undefined;
  }

  /** Host(name, port): the port only counts when the host is new. */
  addHost(name: string, group: string | undefined, port: bigint | undefined): void {
    let host = this.hosts.get(name);
    if (!host) {
      host = new InventoryHost(name);
      this.hosts.set(name, host);
      if (port) host.vars.set('ansible_port', intValue(port));
    }
    if (group !== undefined) this.addHostToGroup(group, name);
  }

  addHostToGroup(groupName: string, hostName: string): void {
    const group = this.groups.get(groupName);
    const host = this.hosts.get(hostName);
    if (!group || !host || group.hostSet.has(hostName)) return;
    group.hosts.push(hostName);
    group.hostSet.add(hostName);
    host.groups.add(groupName);
  }

  addChildGroup(parentName: string, childName: string): void {
    const parent = this.groups.get(parentName);
    const child = this.groups.get(childName);
    if (!parent || !child || parent.children.includes(childName)) return;
    parent.children.push(childName);
    if (!child.parents.includes(parentName)) child.parents.push(parentName);
    this.depths = undefined;
  }

  setGroupVariable(groupName: string, key: InventoryKey, value: InventoryValue): void {
    const group = this.groups.get(groupName);
    if (!group) return;
    if (key === 'ansible_group_priority') group.priority = groupPriority(value) ?? group.priority;
    else group.vars.set(key, value);
  }

  setHostVariable(hostName: string, key: InventoryKey, value: InventoryValue): void {
    this.hosts.get(hostName)?.vars.set(key, value);
  }

  /** All groups above this one, by walking parents (each group once). */
  ancestors(groupName: string): Set<string> {
    const seen = new Set<string>();
    const pending = [...(this.groups.get(groupName)?.parents ?? [])];
    while (pending.length > 0) {
      const name = pending.pop() ?? '';
      if (seen.has(name)) continue;
      seen.add(name);
      pending.push(...(this.groups.get(name)?.parents ?? []));
    }
    return seen;
  }

  /** Every group a host belongs to, directly or through a child group (Host.get_groups()). */
  groupsOfHost(hostName: string): Set<string> {
    const result = new Set<string>();
    for (const direct of this.hosts.get(hostName)?.groups ?? []) {
      result.add(direct);
      for (const ancestor of this.ancestors(direct)) result.add(ancestor);
    }
    return result;
  }

  /** InventoryData.reconcile_inventory(), run once after every source has been read. */
  reconcile(): void {
    for (const group of this.groups.values()) {
      if (group.name !== ALL && group.parents.length === 0) this.addChildGroup(ALL, group.name);
    }
    const ungrouped = this.groups.get(UNGROUPED);
    for (const host of this.hosts.values()) {
      const groups = this.groupsOfHost(host.name);
      if (groups.has(UNGROUPED)) {
        const elsewhere = [...groups].some((g) => g !== ALL && g !== UNGROUPED);
        if (elsewhere && ungrouped?.hostSet.has(host.name)) {
          ungrouped.hosts.splice(ungrouped.hosts.indexOf(host.name), 1);
          ungrouped.hostSet.delete(host.name);
          host.groups.delete(UNGROUPED);
        }
      } else if (groups.size === 0 || (groups.size === 1 && groups.has(ALL))) {
        this.addHostToGroup(UNGROUPED, host.name);
      }
    }
  }

  /** A group's depth: its longest path from `all` (Group.depth once every edge is in). */
  depth(groupName: string): number {
    this.depths ??= this.computeDepths();
    return this.depths.get(groupName) ?? 0;
  }

  /** helpers.sort_groups: by depth, then ansible_group_priority, then name. */
  sortGroups(names: Iterable<string>): string[] {
    return [...names].sort(
      (a, b) =>
        this.depth(a) - this.depth(b) ||
        (this.groups.get(a)?.priority ?? 1) - (this.groups.get(b)?.priority ?? 1) ||
        comparePythonStrings(a, b),
    );
  }

  private computeDepths(): Map<string, number> {
    // Kahn's order over child edges; the graph is acyclic (the transaction refuses loops).
    const depths = new Map<string, number>();
    const pendingParents = new Map<string, number>();
    for (const group of this.groups.values()) pendingParents.set(group.name, group.parents.length);
    const ready = [...this.groups.values()].filter((g) => g.parents.length === 0).map((g) => g.name);
    for (const name of ready) depths.set(name, 0);
    while (ready.length > 0) {
      const name = ready.pop() ?? '';
      const depth = depths.get(name) ?? 0;
      for (const child of this.groups.get(name)?.children ?? []) {
        depths.set(child, Math.max(depths.get(child) ?? 0, depth + 1));
        const left = (pendingParents.get(child) ?? 1) - 1;
        pendingParents.set(child, left);
        if (left === 0) ready.push(child);
      }
    }
    return depths;
  }
}

/** Python's int() of an ansible_group_priority value; undefined where int() raises. */
export function groupPriority(value: InventoryValue): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  const text = value instanceof UnsafeValue ? value.text : value;
  if (typeof text === 'string') {
    const match = /^\s*([+-]?[0-9]+(?:_[0-9]+)*)\s*$/.exec(text);
    return match ? Number((match[1] ?? '').replace(/_/g, '')) : undefined;
  }
  return undefined;
}

function intValue(value: bigint): number | bigint {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}
