import type { NetboxClient } from './netboxClient';
import { NetboxError } from './netboxErrors';
import { isKnownFilter, type NetboxFilter, type NetboxKind } from './netboxFilters';
import { LIST_PATHS, KIND_NAMES } from './netboxListing';

/**
 * Makes sure NetBox knows every filter name before the sync, because it would silently ignore
 * an unknown one and return the whole table. Names Muxdeck knows pass without a request; the
 * rest are looked up in NetBox's OpenAPI schema (as nb_inventory does). Returns notes for the
 * user; throws when a filter is certainly unknown.
 */
export async function checkFilterNames(
  client: NetboxClient,
  filters: readonly NetboxFilter[],
  kinds: readonly NetboxKind[],
): Promise<string[]> {
  const unknown = kinds.flatMap((kind) =>
    filters
      .filter((f) => (f.appliesTo === 'both' || f.appliesTo === kind) && !isKnownFilter(f.key, kind))
      .map((f) => ({ kind, filter: f })),
  );
  if (unknown.length === 0) return [];
  let schema: unknown;
  try {
    schema = (await client.getJson('/api/schema/', [['format', 'json']], 'the API schema')).body;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [
      `Could not check the filter${unknown.length === 1 ? '' : 's'} ${names(unknown.map((u) => u.filter))} against NetBox's schema (${reason}); ` +
        'NetBox ignores unknown filters, so check the host count.',
    ];
  }
  const known = (key: string, kind: NetboxKind) =>
    isKnownFilter(key, kind) || schemaParameters(schema, LIST_PATHS[kind])?.has(key) === true;
  for (const { kind, filter } of unknown) {
    if (schemaParameters(schema, LIST_PATHS[kind]) === undefined) {
      return [`NetBox's schema does not describe ${LIST_PATHS[kind]}; filter names were not checked.`];
    }
    if (known(filter.key, kind)) continue;
    const other: NetboxKind = kind === 'device' ? 'vm' : 'device';
    const scopeHint =
      filter.appliesTo === 'both' && kinds.length === 2 && known(filter.key, other)
        ? ` To send it to the ${KIND_NAMES[other]} only, write ${other}:${filter.key}=… , or import ${KIND_NAMES[other]} only.`
        : '';
    throw new NetboxError(
      'config',
      `NetBox has no filter "${filter.key}" for ${KIND_NAMES[kind]}: it would ignore it and import every one.${scopeHint}`,
    );
  }
  return [];
}

function schemaParameters(schema: unknown, path: string): Set<string> | undefined {
  const paths = (schema as { paths?: Record<string, { get?: { parameters?: unknown } }> } | null)?.paths;
  const parameters = paths?.[path]?.get?.parameters;
  if (!Array.isArray(parameters)) return undefined;
  const names = new Set<string>();
  for (const p of parameters as unknown[]) {
    if (typeof p === 'object' && p !== null && 'name' in p && typeof p.name === 'string') names.add(p.name);
  }
  return names;
}

function names(filters: readonly NetboxFilter[]): string {
  return [...new Set(filters.map((f) => `"${f.key}"`))].join(', ');
}
