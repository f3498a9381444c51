import type { Logger } from '../../ports';
import { createLimiter } from './concurrencyLimiter';
import { NetboxClient } from './netboxClient';
import {
  checkFetchOptions,
  needsConfigContext,
  type NetboxFetchOptions,
  type NetboxKinds,
  type NetboxSourceSettings,
} from './netboxConfig';
import { fillDnsNames } from './netboxDnsLookup';
import { NetboxError } from './netboxErrors';
import { checkFilterNames } from './netboxFilterCheck';
import { filtersFor, filtersFromSettings, translateForVersion, type NetboxKind } from './netboxFilters';
import { compileMapping, mapNetboxRecord, type MappedNetboxHost } from './netboxHostMapper';
import type { NetboxHttp } from './netboxHttp';
import { KIND_NAMES, listObjects, type ListResult } from './netboxListing';
import { netboxCredentials, type NetboxCredentials } from './netboxToken';
import { parseNetboxUrl, type NetboxBaseUrl } from './netboxUrl';
import { capabilitiesOf, versionFromHeader, versionFromStatus, type NetboxVersion } from './netboxVersion';

export interface NetboxImportDeps {
  http: NetboxHttp;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  logger?: Logger;
  signal?: AbortSignal;
  /** Objects fetched so far and the expected total, across devices and VMs. */
  onProgress?: (progress: { fetched: number; total: number }) => void;
}

export interface NetboxImportResult {
  hosts: MappedNetboxHost[];
  version?: NetboxVersion;
  /** Notes for the user that did not stop the sync (filter renamed, data changed meanwhile...). */
  warnings: string[];
  stats: {
    devices: number;
    vms: number;
    requests: number;
    retries: number;
    durationMs: number;
  };
}

/**
 * One sync of a NetBox source: version, filter check, device and VM lists in parallel (under
 * one concurrency bound), optional DNS-name look-up, mapping. All or nothing: any failure
 * throws a NetboxError and no partial host list ever comes out.
 */
export async function importFromNetbox(
  request: { sourceId: string; settings: NetboxSourceSettings; token: string | undefined },
  deps: NetboxImportDeps,
): Promise<NetboxImportResult> {
  const { settings } = request;
  const now = deps.now ?? Date.now;
  const started = now();
  const base = parseNetboxUrl(settings.url);
  const credentials = request.token === undefined ? undefined : netboxCredentials(request.token);
  checkFetchOptions(settings.fetch);
  const mapping = compileMapping(settings.mapping);
  const filters = filtersFromSettings(settings.filters);
  const kinds = kindsOf(settings.kinds);

  // Cancels the requests still queued or in flight once one part of the sync has failed.
  const abort = new AbortController();
  const forwardAbort = () => abort.abort();
  deps.signal?.addEventListener('abort', forwardAbort, { once: true });
  const client = createSyncClient({ base, credentials, fetch: settings.fetch }, deps, abort.signal);
  try {
    let version = await detectVersion(client);
    client.noteVersion(version);
    if (credentials?.style === 'v2' && version && !capabilitiesOf(version).v2Tokens) {
      throw new NetboxError(
        'auth',
        `This is NetBox ${version.text}: v2 tokens (nbt_…) need NetBox 4.5 or later. Create a v1 token instead.`,
      );
    }
    const capabilities = capabilitiesOf(version);
    const translated = translateForVersion(filters, version?.major);
    const warnings = [...translated.notes, ...(await checkFilterNames(client, translated.filters, kinds))];

    const progress = new Map<NetboxKind, { fetched: number; total: number }>();
    const lists = await Promise.all(
      kinds.map((kind) =>
        listObjects(client, {
          kind,
          filters: filtersFor(translated.filters, kind),
          capabilities,
          withConfigContext: needsConfigContext(settings.mapping),
          pageSize: settings.fetch.pageSize,
          onProgress: (fetched, total) => {
            progress.set(kind, { fetched, total });
            deps.onProgress?.(sumProgress(progress));
          },
        }),
      ),
    );
    version ??= versionFromHeader(lists.find((l) => l.apiVersion)?.apiVersion);
    warnings.push(...lists.flatMap((list, i) => listNotes(list, kinds[i] ?? 'device')));

    const records = lists.flatMap((l) => l.records);
    if (mapping.address.some((s) => s.from === 'dns-name') && !lists.some((l) => l.nestedDnsNames)) {
      await fillDnsNames(client, records, { fieldsParam: capabilities.fieldsParam });
    }
    const hosts = records.map((record) => mapNetboxRecord(record, mapping, request.sourceId));
    return {
      hosts,
      ...(version ? { version } : {}),
      warnings,
      stats: {
        devices: lists[kinds.indexOf('device')]?.records.length ?? 0,
        vms: lists[kinds.indexOf('vm')]?.records.length ?? 0,
        requests: client.counters.attempts,
        retries: client.counters.retries,
        durationMs: now() - started,
      },
    };
  } catch (error) {
    abort.abort();
    throw error;
  } finally {
    deps.signal?.removeEventListener('abort', forwardAbort);
  }
}

/** One client per sync: its limiter bounds every request the sync makes. */
export function createSyncClient(
  options: { base: NetboxBaseUrl; credentials: NetboxCredentials | undefined; fetch: NetboxFetchOptions },
  deps: Omit<NetboxImportDeps, 'onProgress'>,
  signal: AbortSignal | undefined,
): NetboxClient {
  return new NetboxClient(
    {
      baseUrl: options.base,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      requestTimeoutMs: options.fetch.requestTimeoutMs,
      retry: options.fetch.retry,
    },
    {
      http: deps.http,
      limiter: createLimiter(options.fetch.concurrency),
      sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      random: deps.random ?? Math.random,
      now: deps.now ?? Date.now,
      ...(deps.logger ? { logger: deps.logger } : {}),
      ...(signal ? { signal } : {}),
    },
  );
}

export function kindsOf(kinds: NetboxKinds): NetboxKind[] {
  return kinds === 'devices' ? ['device'] : kinds === 'vms' ? ['vm'] : ['device', 'vm'];
}

/**
 * The release, from /api/status/ (public on 3.x, token-protected on 4.x, so this is also the
 * first check of the token). A NetBox behind a proxy that hides /api/status/ still works:
 * the API-Version header of the lists says enough.
 */
export async function detectVersion(client: NetboxClient): Promise<NetboxVersion | undefined> {
  let status;
  try {
    status = await client.getJson('/api/status/', [], 'the NetBox status (/api/status/)');
  } catch (error) {
    if (error instanceof NetboxError && error.kind === 'not-found') return undefined;
    throw error;
  }
  const version = versionFromStatus(status.body) ?? versionFromHeader(status.apiVersion);
  if (!version) {
    throw new NetboxError(
      'malformed',
      `${client.baseUrl.base}/api/status/ answered, but not like NetBox (no netbox-version): is this URL really NetBox?`,
    );
  }
  return version;
}

function listNotes(list: ListResult, kind: NetboxKind): string[] {
  const notes: string[] = [];
  const { drift } = list;
  if (drift.detected && drift.unordered) {
    notes.push(
      `The ${KIND_NAMES[kind]} changed in NetBox during the sync and NetBox ignored ordering by id: some may be missing until the next sync.`,
    );
  } else if (drift.detected) {
    notes.push(
      `The ${KIND_NAMES[kind]} changed in NetBox during the sync; re-read the affected ranges ` +
        `(${drift.recovered} recovered, ${drift.duplicatesDropped} duplicate${drift.duplicatesDropped === 1 ? '' : 's'} dropped).`,
    );
  }
  if (list.skipped > 0) notes.push(`${list.skipped} ${KIND_NAMES[kind]} without an id were left out.`);
  return notes;
}

function sumProgress(progress: ReadonlyMap<NetboxKind, { fetched: number; total: number }>) {
  let fetched = 0;
  let total = 0;
  for (const p of progress.values()) {
    fetched += p.fetched;
    total += p.total;
  }
  return { fetched, total };
}
