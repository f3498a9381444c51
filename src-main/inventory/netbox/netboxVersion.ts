/**
 * Which NetBox we talk to, and what that release can do. Detected from `/api/status/`
 * (`netbox-version`, the full release) or, failing that, the `API-Version` header every API
 * response carries (major.minor only).
 */
export interface NetboxVersion {
  /** As NetBox reported it, e.g. "4.5.10" or "4.2". */
  text: string;
  major: number;
  minor: number;
  patch: number;
  source: 'status' | 'api-version-header';
}

export interface NetboxCapabilities {
  /** `?fields=a,b` selects fields (4.0+); older releases ignore it. */
  fieldsParam: boolean;
  /** v2 tokens (`Bearer nbt_<key>.<secret>`) exist (4.5+). */
  v2Tokens: boolean;
  /** Nested IP addresses carry `dns_name` (4.6.4+); before that it needs a look-up. */
  nestedIpDnsName: boolean;
  /** Where the device role is: 3.0–3.5 `device_role`, 3.6–3.7 both, 4.x `role`. */
  deviceRoleField: 'role' | 'device_role' | 'role-and-device_role';
}

/** "v4.5.10", "4.5.10-Docker-3.2.0", "4.2" → numbers; undefined when it is not a version at all. */
export function parseNetboxVersion(text: string, source: NetboxVersion['source']): NetboxVersion | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
  if (!match) return undefined;
  return {
    text: text.trim(),
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: match[3] === undefined ? 0 : Number(match[3]),
    source,
  };
}

/** The release named by a `/api/status/` body (every NetBox from 2.10 has `netbox-version`). */
export function versionFromStatus(body: unknown): NetboxVersion | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)['netbox-version'];
  return typeof value === 'string' ? parseNetboxVersion(value, 'status') : undefined;
}

export function versionFromHeader(apiVersion: string | undefined): NetboxVersion | undefined {
  return apiVersion === undefined ? undefined : parseNetboxVersion(apiVersion, 'api-version-header');
}

export function atLeast(version: NetboxVersion, major: number, minor: number, patch = 0): boolean {
  if (version.major !== major) return version.major > major;
  if (version.minor !== minor) return version.minor > minor;
  return version.patch >= patch;
}

/** Unknown version: assume the least (no `fields`), which every release answers correctly. */
export function capabilitiesOf(version: NetboxVersion | undefined): NetboxCapabilities {
  if (!version) {
    return {
      fieldsParam: false,
      v2Tokens: false,
      nestedIpDnsName: false,
      deviceRoleField: 'role-and-device_role',
    };
  }
  return {
    fieldsParam: version.major >= 4,
    v2Tokens: atLeast(version, 4, 5),
    // A header-only version has no patch level: do not promise a 4.6.4 feature on "4.6".
    nestedIpDnsName: atLeast(version, 4, 6, 4) && (version.source === 'status' || atLeast(version, 4, 7)),
    deviceRoleField:
      version.major >= 4 ? 'role' : atLeast(version, 3, 6) ? 'role-and-device_role' : 'device_role',
  };
}
