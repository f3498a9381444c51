import { SOURCE_ADDRESS_CHOICES, SOURCE_GROUP_LEVELS } from '../../../src-preload/api';
import { NetboxError } from './netboxErrors';
import type { NetboxFilterSettings } from './netboxFilters';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retryPolicy';

/**
 * Where a host's ssh address comes from, tried in order until one gives a usable value:
 * - `primary-ip4`, `primary-ip6`: the primary address of that family, CIDR stripped;
 * - `primary-ip`: NetBox's own choice (IPv6 unless NetBox runs with PREFER_IPV4);
 * - `oob-ip`: the out-of-band address (devices only);
 * - `dns-name`: the DNS name recorded on the primary IP;
 * - `name`: the device/VM name itself (when names resolve in DNS);
 * - `cf:<field>`: a custom field; `context:<a.b>`: a key (dotted path) of the config context.
 */
export type AddressSource = string;
/** `cf:<field>` or `context:<dotted.path>`. */
export type ValueSource = string;

// The contract lists them for the Sources form; the importer uses the same list.
export const GROUP_LEVELS = SOURCE_GROUP_LEVELS;
export type GroupLevel = (typeof GROUP_LEVELS)[number];

export interface NetboxMappingOptions {
  addressFrom: AddressSource[];
  userFrom: ValueSource[];
  portFrom: ValueSource[];
  /** Folder levels, outermost first. `tag` puts a host in one folder per tag. */
  groupBy: GroupLevel[];
}

export interface NetboxFetchOptions {
  /** Requests in flight at once, for the whole sync. */
  concurrency: number;
  /** Objects per page; NetBox caps it at its MAX_PAGE_SIZE (1000 by default). */
  pageSize: number;
  /** Hard limit for one request, body included. */
  requestTimeoutMs: number;
  retry: RetryPolicy;
}

export type NetboxKinds = 'devices' | 'vms' | 'both';

/** One NetBox source as the user configures it (the token lives in the keychain, not here). */
export interface NetboxSourceSettings {
  url: string;
  kinds: NetboxKinds;
  filters: NetboxFilterSettings;
  /** PEM file of a CA to trust in addition to the system's. */
  caFile?: string;
  /** Skip TLS certificate verification. Unsafe; the UI must say so. */
  insecureSkipVerify?: boolean;
  mapping: NetboxMappingOptions;
  fetch: NetboxFetchOptions;
}

export const DEFAULT_MAPPING: NetboxMappingOptions = {
  addressFrom: ['primary-ip4', 'primary-ip6'],
  userFrom: ['cf:ssh_user', 'context:ssh.user', 'context:ansible_user'],
  portFrom: ['cf:ssh_port', 'context:ssh.port', 'context:ansible_port'],
  groupBy: ['site', 'role'],
};

export const DEFAULT_FETCH: NetboxFetchOptions = {
  concurrency: 4,
  pageSize: 500,
  requestTimeoutMs: 30_000,
  retry: DEFAULT_RETRY_POLICY,
};

const FIXED_ADDRESS_SOURCES = new Set<string>(SOURCE_ADDRESS_CHOICES);

export type ParsedSource =
  | { from: 'primary-ip4' | 'primary-ip6' | 'primary-ip' | 'oob-ip' | 'dns-name' | 'name' }
  | { from: 'cf'; key: string }
  | { from: 'context'; path: string[] };

/** Reads one source setting; throws a config error naming the bad value and the choices. */
export function parseSource(text: string, what: 'address' | 'user' | 'port'): ParsedSource {
  const value = text.trim();
  if (what === 'address' && FIXED_ADDRESS_SOURCES.has(value)) return { from: value } as ParsedSource;
  const cf = /^cf:([A-Za-z0-9_]+)$/.exec(value);
  if (cf?.[1]) return { from: 'cf', key: cf[1] };
  const context = /^context:([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)$/.exec(value);
  if (context?.[1]) return { from: 'context', path: context[1].split('.') };
  const choices =
    what === 'address'
      ? `${[...FIXED_ADDRESS_SOURCES].join(', ')}, cf:<custom field>, context:<key.path>`
      : 'cf:<custom field>, context:<key.path>';
  throw new NetboxError('config', `Unknown ${what} source ${JSON.stringify(text)}; use one of: ${choices}.`);
}

export function parseGroupLevel(text: string): GroupLevel {
  const level = text.trim().toLowerCase();
  const found = GROUP_LEVELS.find((l) => l === level);
  if (!found) {
    throw new NetboxError(
      'config',
      `Cannot group NetBox hosts by ${JSON.stringify(text)}; choose from: ${GROUP_LEVELS.join(', ')}.`,
    );
  }
  return found;
}

/** Whether any setting reads the config context (so the lists must include it). */
export function needsConfigContext(mapping: NetboxMappingOptions): boolean {
  return [...mapping.addressFrom, ...mapping.userFrom, ...mapping.portFrom].some((s) =>
    s.trim().startsWith('context:'),
  );
}

export function checkFetchOptions(fetch: NetboxFetchOptions): void {
  const bad = (what: string) => new NetboxError('config', `NetBox fetch setting ${what}.`);
  if (!Number.isInteger(fetch.concurrency) || fetch.concurrency < 1 || fetch.concurrency > 32) {
    throw bad(`concurrency must be between 1 and 32, not ${fetch.concurrency}`);
  }
  if (!Number.isInteger(fetch.pageSize) || fetch.pageSize < 1 || fetch.pageSize > 10_000) {
    throw bad(`page size must be between 1 and 10000, not ${fetch.pageSize}`);
  }
  if (!(fetch.requestTimeoutMs > 0))
    throw bad(`request timeout must be positive, not ${fetch.requestTimeoutMs}`);
}

/** What a user (or the store) may leave out: everything but the URL has a default. */
export type NetboxSourceSettingsInput = Pick<NetboxSourceSettings, 'url'> &
  Partial<Omit<NetboxSourceSettings, 'url' | 'mapping' | 'fetch'>> & {
    mapping?: Partial<NetboxMappingOptions>;
    fetch?: Partial<Omit<NetboxFetchOptions, 'retry'>> & { retry?: Partial<RetryPolicy> };
  };

export function withDefaults(input: NetboxSourceSettingsInput): NetboxSourceSettings {
  return {
    url: input.url,
    kinds: input.kinds ?? 'both',
    filters: input.filters ?? {},
    ...(input.caFile ? { caFile: input.caFile } : {}),
    ...(input.insecureSkipVerify ? { insecureSkipVerify: true } : {}),
    mapping: { ...DEFAULT_MAPPING, ...input.mapping },
    fetch: {
      ...DEFAULT_FETCH,
      ...input.fetch,
      retry: { ...DEFAULT_FETCH.retry, ...input.fetch?.retry },
    },
  };
}
