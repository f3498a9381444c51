import type { MappedNetboxHost } from './netboxHostMapper';

export interface AnsibleGroup {
  hosts?: string[];
  children?: string[];
}

export type AnsibleInventoryJson = {
  _meta: { hostvars: Record<string, Record<string, unknown>> };
  all: AnsibleGroup;
} & Record<string, AnsibleGroup | { hostvars: Record<string, Record<string, unknown>> }>;

const natural = new Intl.Collator('und', { numeric: true });

/**
 * The hosts a NetBox source would import, in the shape of `ansible-inventory --list`: Muxdeck's
 * folders become nested groups (`site_fra1` › `site_fra1__role_leaf`, names qualified by their
 * parents so a child group never collects hosts of another branch), the connection settings
 * become ansible_host/ansible_port/ansible_user, and what NetBox says about the host becomes
 * `netbox_*` facts. A host Muxdeck would not connect to carries `muxdeck_problem`.
 */
export function toAnsibleInventory(hosts: readonly MappedNetboxHost[]): AnsibleInventoryJson {
  const names = inventoryNames(hosts);
  // A Map, not an object: a host named "__proto__" must stay a host.
  const hostvars = new Map<string, Record<string, unknown>>();
  const groups = new Map<string, { hosts: Set<string>; children: Set<string> }>();
  const group = (name: string) => {
    let g = groups.get(name);
    if (!g) groups.set(name, (g = { hosts: new Set(), children: new Set() }));
    return g;
  };
  group('all');
  const ungrouped = new Set<string>();

  hosts.forEach((mapped, i) => {
    const name = names[i] ?? mapped.host.id;
    hostvars.set(name, hostVars(mapped));
    for (const path of mapped.details.groupPaths) {
      if (path.length === 0) {
        ungrouped.add(name);
        continue;
      }
      let parent = 'all';
      let key = '';
      for (const step of path) {
        key = key === '' ? step.key : `${key}__${step.key}`;
        group(parent).children.add(key);
        group(key);
        parent = key;
      }
      group(key).hosts.add(name);
    }
  });

  const inventory: Record<string, unknown> = { _meta: { hostvars: Object.fromEntries(hostvars) } };
  // ansible-inventory always lists `ungrouped` under all, and prints it only when it has hosts.
  inventory.all = { children: ['ungrouped', ...sorted(group('all').children)] };
  if (ungrouped.size > 0) inventory.ungrouped = { hosts: sorted(ungrouped) };
  for (const [name, g] of groups) {
    if (name === 'all') continue;
    inventory[name] = {
      ...(g.children.size > 0 ? { children: sorted(g.children) } : {}),
      ...(g.hosts.size > 0 ? { hosts: sorted(g.hosts) } : {}),
    };
  }
  return inventory as AnsibleInventoryJson;
}

/** JSON text with keys sorted at every level, as ansible-inventory prints it. */
export function ansibleInventoryText(inventory: AnsibleInventoryJson): string {
  return JSON.stringify(sortKeys(inventory), null, 4);
}

/**
 * Inventory names must be unique. NetBox names are unique only per site (and devices may
 * have none): the first host keeps the name, later ones get " (device 123)".
 */
function inventoryNames(hosts: readonly MappedNetboxHost[]): string[] {
  const order = hosts.map((h, i) => i).sort((a, b) => compareKindAndId(hosts[a], hosts[b]));
  const used = new Set<string>();
  const names: string[] = new Array<string>(hosts.length);
  for (const i of order) {
    const mapped = hosts[i];
    if (!mapped) continue;
    const base = mapped.record.name ?? mapped.record.display;
    const name = used.has(base)
      ? `${base} (${mapped.record.kind === 'device' ? 'device' : 'vm'} ${mapped.record.id})`
      : base;
    used.add(name);
    names[i] = name;
  }
  return names;
}

function compareKindAndId(a: MappedNetboxHost | undefined, b: MappedNetboxHost | undefined): number {
  if (!a || !b) return 0;
  if (a.record.kind !== b.record.kind) return a.record.kind === 'device' ? -1 : 1;
  return a.record.id - b.record.id;
}

function hostVars(mapped: MappedNetboxHost): Record<string, unknown> {
  const { host, record, details } = mapped;
  const vars: Record<string, unknown> = {
    muxdeck_id: host.id,
    netbox_id: record.id,
    netbox_kind: record.kind === 'device' ? 'device' : 'virtual_machine',
  };
  const set = (key: string, value: unknown) => {
    if (
      value !== undefined &&
      value !== null &&
      value !== '' &&
      !(Array.isArray(value) && value.length === 0)
    ) {
      vars[key] = value;
    }
  };
  set('ansible_host', host.address);
  set('ansible_port', host.port);
  set('ansible_user', host.user);
  set('muxdeck_problem', host.problem);
  set('muxdeck_warnings', details.warnings);
  set('muxdeck_address_source', details.addressSource);
  set('netbox_url', details.webUrl);
  set('netbox_status', record.status);
  set('netbox_site', record.site?.slug ?? record.site?.name);
  set('netbox_location', record.location?.slug ?? record.location?.name);
  set('netbox_rack', record.rack?.name);
  set('netbox_role', record.role?.slug ?? record.role?.name);
  set('netbox_tenant', record.tenant?.slug ?? record.tenant?.name);
  set('netbox_platform', record.platform?.slug ?? record.platform?.name);
  set('netbox_cluster', record.cluster?.name);
  set('netbox_device_type', record.deviceType?.model);
  set('netbox_manufacturer', record.deviceType?.manufacturer);
  set('netbox_serial', record.serial);
  set('netbox_tags', details.tags);
  set('netbox_primary_ip4', record.primaryIp4?.address);
  set('netbox_primary_ip6', record.primaryIp6?.address);
  set(
    'netbox_dns_name',
    record.primaryIp?.dnsName ?? record.primaryIp4?.dnsName ?? record.primaryIp6?.dnsName,
  );
  const customFields = Object.fromEntries(
    Object.entries(record.customFields).filter(([, v]) => v !== null && v !== undefined && v !== ''),
  );
  if (Object.keys(customFields).length > 0) vars.netbox_custom_fields = customFields;
  return vars;
}

function sorted(values: Iterable<string>): string[] {
  return [...values].sort((a, b) => natural.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}
