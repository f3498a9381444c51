import { checkFetchOptions, type NetboxSourceSettings } from './netboxConfig';
import { filtersFor, filtersFromSettings, translateForVersion, type NetboxKind } from './netboxFilters';
import { createSyncClient, detectVersion, kindsOf, type NetboxImportDeps } from './netboxImport';
import { LIST_PATHS, KIND_NAMES } from './netboxListing';
import { netboxCredentials } from './netboxToken';
import { parseNetboxUrl } from './netboxUrl';
import type { NetboxVersion } from './netboxVersion';

export interface NetboxProbeResult {
  version?: NetboxVersion;
  /** How many objects the source's filters select, per kind. */
  counts: Partial<Record<NetboxKind, number>>;
}

/**
 * "Test connection" for the source editor: checks URL, TLS and token, names the NetBox release
 * and counts what the filters select, with one `brief` request of one object per kind (the
 * cheapest list NetBox renders), so a user sees "1,234 devices" before the first sync.
 */
export async function probeNetbox(
  request: { settings: NetboxSourceSettings; token: string | undefined },
  deps: Omit<NetboxImportDeps, 'onProgress'>,
): Promise<NetboxProbeResult> {
  const { settings } = request;
  checkFetchOptions(settings.fetch);
  const base = parseNetboxUrl(settings.url);
  const credentials = request.token === undefined ? undefined : netboxCredentials(request.token);
  const client = createSyncClient({ base, credentials, fetch: settings.fetch }, deps, deps.signal);
  const version = await detectVersion(client);
  client.noteVersion(version);
  const { filters } = translateForVersion(filtersFromSettings(settings.filters), version?.major);
  const counts: Partial<Record<NetboxKind, number>> = {};
  await Promise.all(
    kindsOf(settings.kinds).map(async (kind) => {
      const params: Array<[string, string]> = [...filtersFor(filters, kind), ['brief', '1'], ['limit', '1']];
      const { body } = await client.getJson(LIST_PATHS[kind], params, `the ${KIND_NAMES[kind]} count`);
      const count = typeof body === 'object' && body !== null && 'count' in body ? body.count : undefined;
      if (typeof count === 'number') counts[kind] = count;
    }),
  );
  return { ...(version ? { version } : {}), counts };
}
