import type { NetboxKind } from './netboxFilters';

/** A nested object (site, role, tenant...) reduced to what naming and grouping use. */
export interface NetboxRef {
  id: number | null;
  name: string;
  /** NetBox slugs are [-a-zA-Z0-9_]; absent on models without one (cluster, rack). */
  slug: string | null;
}

export interface NetboxIp {
  id: number | null;
  /** As NetBox stores it: CIDR notation, e.g. "10.0.2.19/24". */
  address: string;
  /** Only in the nested form of NetBox 4.6.4+, or filled in by a look-up. */
  dnsName?: string;
}

/**
 * A device or VM as the mapper sees it, whatever the NetBox release: 3.x `device_role` and
 * 4.x `role`, integer or object IP families, tags as objects or (2.x) plain strings all end
 * up the same here. Everything is untrusted text.
 */
export interface NetboxRecord {
  kind: NetboxKind;
  id: number;
  name: string | null;
  /** What NetBox shows for the object (for unnamed devices: "<type> (<asset tag or id>)"). */
  display: string;
  /** The object's page in the NetBox web UI, when NetBox says (4.x `display_url`). */
  webUrl?: string;
  status: string | null;
  site: NetboxRef | null;
  location: NetboxRef | null;
  rack: NetboxRef | null;
  role: NetboxRef | null;
  tenant: NetboxRef | null;
  platform: NetboxRef | null;
  cluster: NetboxRef | null;
  deviceType: { model: string; manufacturer: string | null } | null;
  serial: string | null;
  primaryIp: NetboxIp | null;
  primaryIp4: NetboxIp | null;
  primaryIp6: NetboxIp | null;
  oobIp: NetboxIp | null;
  tags: NetboxRef[];
  customFields: Record<string, unknown>;
  /** null when the list was fetched without config contexts. */
  configContext: Record<string, unknown> | null;
}

type Json = Record<string, unknown>;

/** undefined when the object has no numeric id (nothing stable to key it on). */
export function readNetboxRecord(kind: NetboxKind, raw: unknown): NetboxRecord | undefined {
  if (!isObject(raw) || !Number.isSafeInteger(raw.id)) return undefined;
  const id = raw.id as number;
  const name = text(raw.name) ?? null;
  const deviceType = isObject(raw.device_type) ? raw.device_type : undefined;
  return {
    kind,
    id,
    name,
    display: text(raw.display) ?? name ?? `${kind === 'device' ? 'device' : 'virtual machine'} ${id}`,
    ...(text(raw.display_url) ? { webUrl: text(raw.display_url) } : {}),
    status: choiceValue(raw.status),
    site: ref(raw.site),
    location: ref(raw.location),
    rack: ref(raw.rack),
    // 4.x: role; 3.6–3.7: both; ≤3.5: device_role only.
    role: ref(raw.role) ?? ref(raw.device_role),
    tenant: ref(raw.tenant),
    platform: ref(raw.platform),
    cluster: ref(raw.cluster),
    deviceType: deviceType
      ? {
          model: text(deviceType.model) ?? text(deviceType.display) ?? '',
          manufacturer: ref(deviceType.manufacturer)?.name ?? null,
        }
      : null,
    serial: text(raw.serial) || null,
    primaryIp: ip(raw.primary_ip),
    primaryIp4: ip(raw.primary_ip4),
    primaryIp6: ip(raw.primary_ip6),
    oobIp: ip(raw.oob_ip),
    tags: Array.isArray(raw.tags) ? raw.tags.map(tag).filter((t): t is NetboxRef => t !== null) : [],
    customFields: isObject(raw.custom_fields) ? raw.custom_fields : {},
    configContext: isObject(raw.config_context) ? raw.config_context : null,
  };
}

function ref(value: unknown): NetboxRef | null {
  if (!isObject(value)) return null;
  const name = text(value.name) ?? text(value.display) ?? text(value.model);
  if (name === undefined) return null;
  return {
    id: Number.isSafeInteger(value.id) ? (value.id as number) : null,
    name,
    slug: text(value.slug) ?? null,
  };
}

function tag(value: unknown): NetboxRef | null {
  // NetBox ≤ 2.8 listed tags as plain strings.
  if (typeof value === 'string') return { id: null, name: value, slug: value };
  return ref(value);
}

function ip(value: unknown): NetboxIp | null {
  if (!isObject(value)) return null;
  const address = text(value.address);
  if (address === undefined) return null;
  const dnsName = text(value.dns_name);
  return {
    id: Number.isSafeInteger(value.id) ? (value.id as number) : null,
    address,
    ...(dnsName ? { dnsName } : {}),
  };
}

/** 2.x+ choice fields are {value, label}; accept a bare string too. */
function choiceValue(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (isObject(value)) return text(value.value) ?? null;
  return null;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether the nested IPs of these raw objects already carry `dns_name` (NetBox 4.6.4+). */
export function nestedIpsHaveDnsName(raw: unknown): boolean {
  if (!isObject(raw)) return false;
  return [raw.primary_ip4, raw.primary_ip6, raw.primary_ip].some((v) => isObject(v) && 'dns_name' in v);
}
