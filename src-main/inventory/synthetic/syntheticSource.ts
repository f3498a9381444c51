import type { Host } from '../../../src-preload/api';
import type { HostSource, HostSourceSnapshot } from '../hostSource';

/**
 * A generated inventory for benchmarks and load tests only: MUXDECK_SYNTHETIC_HOSTS=50000 adds this
 * many NetBox-like hosts (region / site / role folders), deterministic, so runs are comparable.
 * It is never enabled otherwise.
 */
export const SYNTHETIC_HOSTS_VARIABLE = 'MUXDECK_SYNTHETIC_HOSTS';

const REGIONS = ['eu', 'us', 'ap'];
const SITES = ['fra1', 'ams3', 'lon1', 'nyc2', 'sfo1', 'tor1', 'sgp1', 'blr1', 'syd1'];
const ROLES = ['web', 'db', 'cache', 'lb', 'worker', 'api', 'mq', 'search', 'storage', 'monitor'];

export function syntheticHosts(count: number): Host[] {
  const hosts: Host[] = [];
  for (let i = 0; i < count; i++) {
    const site = SITES[i % SITES.length] ?? 'fra1';
    const region = REGIONS[(i % SITES.length) % REGIONS.length] ?? 'eu';
    const role = ROLES[Math.floor(i / SITES.length) % ROLES.length] ?? 'web';
    const label = `${site}-${role}-${String(i).padStart(5, '0')}`;
    hosts.push({
      id: `synthetic:${label}`,
      label,
      address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      ...(i % 3 === 0 ? { user: 'deploy' } : {}),
      ...(i % 7 === 0 ? { port: 2222 } : {}),
      sourceId: 'synthetic',
      groups: [region, site, role],
    });
  }
  return hosts;
}

export class SyntheticSource implements HostSource {
  readonly id = 'synthetic';
  readonly kind = 'netbox' as const;
  readonly label = 'Synthetic inventory';
  private readonly hosts: Host[];

  constructor(count: number) {
    this.hosts = syntheticHosts(count);
  }

  load(): Promise<HostSourceSnapshot> {
    return Promise.resolve({
      hosts: this.hosts,
      location: `${SYNTHETIC_HOSTS_VARIABLE}=${this.hosts.length}`,
    });
  }

  sshDestination(host: Host): string {
    return host.address ?? host.label;
  }
}

/** The synthetic source when the variable asks for one (a positive whole number up to a million), else none. */
export function syntheticSources(env: NodeJS.ProcessEnv): HostSource[] {
  const count = Number(env[SYNTHETIC_HOSTS_VARIABLE] ?? '');
  return Number.isInteger(count) && count > 0 && count <= 1_000_000 ? [new SyntheticSource(count)] : [];
}
