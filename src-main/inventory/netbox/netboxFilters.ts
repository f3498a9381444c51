import { NetboxError } from './netboxErrors';

export type NetboxKind = 'device' | 'vm';

/** One query parameter sent to the device list, the VM list, or both. */
export interface NetboxFilter {
  key: string;
  value: string;
  appliesTo: 'both' | NetboxKind;
}

/** Filters as a source's settings hold them: the usual ones by name, anything else free-form. */
export interface NetboxFilterSettings {
  /** Slugs; several values of one filter OR together (NetBox semantics), except tags, which AND. */
  site?: string[];
  role?: string[];
  tenant?: string[];
  tag?: string[];
  /** Status values: active, planned, staged, failed, offline, decommissioning, inventory (devices), paused (VMs). */
  status?: string[];
  platform?: string[];
  /**
   * Free-form `key=value` query parameters (`name__ic=web`, `cf_environment=production`,
   * `has_primary_ip=true`). Prefix with `device:` or `vm:` to send to one list only.
   */
  query?: string[];
}

/** Parameters Muxdeck sets itself; a filter naming one would break pagination or field selection. */
const RESERVED = new Set([
  'limit',
  'offset',
  'ordering',
  'fields',
  'omit',
  'brief',
  'exclude',
  'format',
  'start',
]);
const NAMED = ['site', 'role', 'tenant', 'tag', 'status', 'platform'] as const;

export function filtersFromSettings(settings: NetboxFilterSettings): NetboxFilter[] {
  const filters: NetboxFilter[] = [];
  for (const key of NAMED) {
    for (const value of settings[key] ?? []) {
      if (value.trim() !== '') filters.push({ key, value: value.trim(), appliesTo: 'both' });
    }
  }
  for (const text of settings.query ?? []) filters.push(parseFilterArg(text));
  for (const filter of filters) checkFilter(filter);
  return filters;
}

/** `site=fra1`, `device:rack_id=3`, `vm:cluster=prod-1`; the value may itself contain `=`. */
export function parseFilterArg(text: string): NetboxFilter {
  const match = /^\s*(?:(device|devices|vm|vms):)?([^=]*)=(.*)$/s.exec(text);
  if (!match) {
    throw new NetboxError(
      'config',
      `The NetBox filter ${JSON.stringify(text)} is not of the form key=value.`,
    );
  }
  const scope = match[1];
  const filter: NetboxFilter = {
    key: (match[2] ?? '').trim(),
    value: (match[3] ?? '').trim(),
    appliesTo: scope === undefined ? 'both' : scope.startsWith('device') ? 'device' : 'vm',
  };
  checkFilter(filter);
  return filter;
}

function checkFilter(filter: NetboxFilter): void {
  const shown = JSON.stringify(`${filter.key}=${filter.value}`);
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(filter.key)) {
    throw new NetboxError(
      'config',
      `The NetBox filter ${shown} has an invalid name (letters, digits and _ only).`,
    );
  }
  if (RESERVED.has(filter.key)) {
    throw new NetboxError(
      'config',
      `The NetBox filter ${shown} cannot be used: Muxdeck sets "${filter.key}" itself (pagination and field selection).`,
    );
  }
  if (filter.value === '') {
    throw new NetboxError(
      'config',
      `The NetBox filter ${shown} has no value (use "null" to match an empty field).`,
    );
  }
}

export function filtersFor(filters: readonly NetboxFilter[], kind: NetboxKind): Array<[string, string]> {
  return filters.filter((f) => f.appliesTo === 'both' || f.appliesTo === kind).map((f) => [f.key, f.value]);
}

/**
 * NetBox silently ignores query parameters it does not know and then returns the whole table
 * (netbox#19579), so a typo would import every device. Names known here pass; others are
 * checked against NetBox's own OpenAPI schema before the sync (see netboxFilterCheck.ts).
 */
const COMMON = [
  'id', 'name', 'q', 'status', 'tag', 'tag_id', 'description', 'created', 'last_updated', 'serial',
  'site', 'site_id', 'region', 'region_id', 'site_group', 'site_group_id',
  'role', 'role_id', 'tenant', 'tenant_id', 'tenant_group', 'tenant_group_id', 'platform', 'platform_id',
  'cluster_id', 'cluster_group', 'cluster_group_id', 'has_primary_ip', 'local_context_data',
  'primary_ip4_id', 'primary_ip6_id', 'interface_count', 'mac_address', 'contact', 'contact_id',
  'contact_role', 'contact_group', 'config_template_id',
]; // prettier-ignore
const DEVICE_ONLY = [
  'location', 'location_id', 'rack_id', 'manufacturer', 'manufacturer_id', 'device_type', 'device_type_id',
  'model', 'asset_tag', 'has_oob_ip', 'virtual_chassis_member', 'virtual_chassis_id', 'position', 'face',
  'airflow', 'parent_device_id', 'is_full_depth', 'oob_ip_id',
]; // prettier-ignore
const VM_ONLY = [
  'cluster', 'cluster_type', 'cluster_type_id', 'device', 'device_id', 'vcpus', 'memory', 'disk', 'start_on_boot',
]; // prettier-ignore
const KNOWN: Record<NetboxKind, ReadonlySet<string>> = {
  device: new Set([...COMMON, ...DEVICE_ONLY]),
  vm: new Set([...COMMON, ...VM_ONLY]),
};
const LOOKUPS = new Set([
  'n', 'ic', 'nic', 'iew', 'niew', 'isw', 'nisw', 'ie', 'nie', 'empty', 'regex', 'iregex', 'lt', 'lte', 'gt', 'gte',
]); // prettier-ignore

/** True when the name is certainly a filter of that list (custom fields `cf_*` always are). */
export function isKnownFilter(key: string, kind: NetboxKind): boolean {
  if (key.startsWith('cf_') && key.length > 3) return true;
  const [base = '', lookup] = key.split(/__(?=[a-z]+$)/);
  if (lookup !== undefined && !LOOKUPS.has(lookup)) return false;
  return KNOWN[kind].has(base);
}

/**
 * NetBox 4 dropped the 3.x `device_role` filter: a 3.x setting would be ignored and import
 * every device. `role` works on 3.x too, so it is sent instead, with a note.
 */
export function translateForVersion(
  filters: readonly NetboxFilter[],
  major: number | undefined,
): { filters: NetboxFilter[]; notes: string[] } {
  const notes: string[] = [];
  const translated = filters.map((f) => {
    if (!/^device_role(_id)?(__|$)/.test(f.key) || (major !== undefined && major < 4)) return f;
    const key = f.key.replace(/^device_role/, 'role');
    notes.push(`The NetBox filter "${f.key}" is named "${key}" since NetBox 4; sent as "${key}".`);
    return { ...f, key };
  });
  return { filters: translated, notes };
}
