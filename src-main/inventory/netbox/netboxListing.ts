import type { NetboxClient } from './netboxClient';
import { NetboxError } from './netboxErrors';
import type { NetboxKind } from './netboxFilters';
import { nestedIpsHaveDnsName, readNetboxRecord, type NetboxRecord } from './netboxRecord';
import type { NetboxCapabilities } from './netboxVersion';
import { fetchAllPages, type DriftReport, type PageRequest } from './paginate';

export const LIST_PATHS: Record<NetboxKind, string> = {
  device: '/api/dcim/devices/',
  vm: '/api/virtualization/virtual-machines/',
};
export const KIND_NAMES: Record<NetboxKind, string> = { device: 'devices', vm: 'virtual machines' };

/**
 * What the mapper reads. On NetBox 4.x `?fields=` asks for exactly these, which spares the
 * server most of its serialisation (and the config context, unless asked for); `brief` would
 * be faster still but lacks IPs, tags and custom fields.
 */
const FIELDS: Record<NetboxKind, readonly string[]> = {
  device: [
    'id', 'name', 'display', 'display_url', 'status', 'site', 'location', 'rack', 'role', 'tenant', 'platform',
    'device_type', 'cluster', 'serial', 'primary_ip', 'primary_ip4', 'primary_ip6', 'oob_ip', 'tags', 'custom_fields',
  ],
  vm: [
    'id', 'name', 'display', 'display_url', 'status', 'site', 'role', 'tenant', 'platform', 'cluster', 'serial',
    'primary_ip', 'primary_ip4', 'primary_ip6', 'tags', 'custom_fields',
  ],
}; // prettier-ignore

export interface ListOptions {
  kind: NetboxKind;
  filters: ReadonlyArray<readonly [string, string]>;
  capabilities: NetboxCapabilities;
  /** Config contexts are costly to render; fetch them only when a setting reads them. */
  withConfigContext: boolean;
  pageSize: number;
  onProgress?: (fetched: number, total: number) => void;
}

export interface ListResult {
  records: NetboxRecord[];
  count: number;
  pages: number;
  pageSize: number;
  drift: DriftReport;
  /** Objects NetBox returned without a numeric id (left out). */
  skipped: number;
  /** The nested IPs already carry dns_name (NetBox 4.6.4+), so no look-up is needed. */
  nestedDnsNames: boolean;
  /** API-Version header of the last page, when sent. */
  apiVersion?: string;
}

export async function listObjects(client: NetboxClient, options: ListOptions): Promise<ListResult> {
  const { kind } = options;
  const shape = shapeParams(options);
  let skipped = 0;
  let nestedDnsNames = false;
  let apiVersion: string | undefined;

  const fetchPage = async (request: PageRequest) => {
    const params: Array<[string, string]> = [...options.filters.map(([k, v]): [string, string] => [k, v])];
    if (request.idRange?.after !== undefined) params.push(['id__gt', String(request.idRange.after)]);
    if (request.idRange?.before !== undefined) params.push(['id__lt', String(request.idRange.before)]);
    params.push(
      ...shape,
      ['ordering', 'id'],
      ['limit', String(request.limit)],
      ['offset', String(request.offset)],
    );
    const what = `the ${KIND_NAMES[kind]} list (${request.idRange ? 'drift repair, ' : ''}offset ${request.offset})`;
    const json = await client.getJson(LIST_PATHS[kind], params, what);
    apiVersion = json.apiVersion ?? apiVersion;
    const page = readPage(json.body, what, client.baseUrl.base);
    const records: NetboxRecord[] = [];
    for (const raw of page.results) {
      const record = readNetboxRecord(kind, raw);
      if (record) records.push(record);
      else skipped++;
      if (!nestedDnsNames && nestedIpsHaveDnsName(raw)) nestedDnsNames = true;
    }
    return { count: page.count, results: records };
  };

  const result = await fetchAllPages({
    fetchPage,
    idOf: (record) => record.id,
    pageSize: options.pageSize,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return {
    records: result.items,
    count: result.count,
    pages: result.pages,
    pageSize: result.pageSize,
    drift: result.drift,
    skipped,
    nestedDnsNames,
    ...(apiVersion ? { apiVersion } : {}),
  };
}

function shapeParams(options: ListOptions): Array<[string, string]> {
  if (options.capabilities.fieldsParam) {
    const fields = [...FIELDS[options.kind], ...(options.withConfigContext ? ['config_context'] : [])];
    return [['fields', fields.join(',')]];
  }
  // 3.x has no ?fields=; leaving out the config context is what saves most there.
  return options.withConfigContext ? [] : [['exclude', 'config_context']];
}

function readPage(body: unknown, what: string, base: string): { count: number; results: unknown[] } {
  if (typeof body === 'object' && body !== null && 'results' in body && Array.isArray(body.results)) {
    const results = body.results as unknown[];
    const count = 'count' in body && typeof body.count === 'number' ? body.count : results.length;
    return { count, results };
  }
  throw new NetboxError(
    'malformed',
    `The answer to ${what} at ${base} is JSON but not a NetBox list ({count, results}); is this URL really NetBox?`,
    { retryable: false },
  );
}
