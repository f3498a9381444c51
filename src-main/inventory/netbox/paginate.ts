/**
 * Reads a whole NetBox list with limit/offset pages fetched in parallel, and repairs what
 * offset paging gets wrong when the data changes meanwhile.
 *
 * The list is ordered by id (`ordering=id`), so a new object (a higher id) lands at the end
 * instead of shifting every later page, and a deleted one shifts the later pages left by one,
 * which hides one object at a page boundary. Every page reports the list's `count`; when a
 * count differs from the first one, or the pages do not add up to it, the gaps between
 * consecutive pages are re-read by id range (`id__gt`/`id__lt`), the tail beyond the last id
 * too, and duplicates are dropped by id. Concurrency is bounded by whoever runs `fetchPage`
 * (the client's shared limiter): every page is requested at once and waits its turn there.
 */
export interface PageRequest {
  offset: number;
  limit: number;
  /** Only objects with after < id < before (each bound optional). */
  idRange?: { after?: number; before?: number };
}

export interface Page<T> {
  count: number;
  results: T[];
}

export interface PaginateOptions<T> {
  fetchPage: (request: PageRequest) => Promise<Page<T>>;
  idOf: (item: T) => number;
  pageSize: number;
  /** After every page: objects received so far and the expected total. */
  onProgress?: (fetched: number, total: number) => void;
}

export interface DriftReport {
  /** The count changed between pages or the pages did not add up to it. */
  detected: boolean;
  duplicatesDropped: number;
  /** Objects found by the repair queries that the offset pages had missed. */
  recovered: number;
  /** The server ignored `ordering=id`: the repair was not possible. */
  unordered: boolean;
}

export interface PaginateResult<T> {
  items: T[];
  /** The count NetBox reported first. */
  count: number;
  /** The effective page size (NetBox caps `limit` at MAX_PAGE_SIZE without saying so). */
  pageSize: number;
  pages: number;
  drift: DriftReport;
}

export async function fetchAllPages<T>(options: PaginateOptions<T>): Promise<PaginateResult<T>> {
  const { fetchPage, idOf } = options;
  const first = await fetchPage({ offset: 0, limit: options.pageSize });
  const count = first.count;
  // A shorter first page than asked (while more exist) reveals the server's MAX_PAGE_SIZE.
  const pageSize =
    first.results.length > 0 && first.results.length < Math.min(options.pageSize, count)
      ? first.results.length
      : options.pageSize;
  let fetched = first.results.length;
  options.onProgress?.(fetched, count);

  const offsets: number[] = [];
  for (let offset = pageSize; offset < count && first.results.length > 0; offset += pageSize)
    offsets.push(offset);
  const rest = await Promise.all(
    offsets.map(async (offset) => {
      const page = await fetchPage({ offset, limit: pageSize });
      fetched += page.results.length;
      options.onProgress?.(fetched, Math.max(count, fetched));
      return page;
    }),
  );
  const pages = [first, ...rest];

  const received = pages.reduce((n, p) => n + p.results.length, 0);
  const detected = pages.some((p) => p.count !== count) || received !== count;
  const unordered = !pages.every((p) => isAscending(p.results.map(idOf)));
  const byId = new Map<number, T>();
  let duplicatesDropped = 0;
  const keep = (item: T): boolean => {
    const id = idOf(item);
    if (byId.has(id)) {
      duplicatesDropped++;
      return false;
    }
    byId.set(id, item);
    return true;
  };
  for (const page of pages) for (const item of page.results) keep(item);

  let recovered = 0;
  let repairPages = 0;
  if (detected && !unordered) {
    const ranges = repairRanges(pages.map((p) => p.results.map(idOf)));
    const found = await Promise.all(ranges.map((range) => fetchRange(fetchPage, range, pageSize)));
    for (const { items, requests } of found) {
      repairPages += requests;
      for (const item of items) if (keep(item)) recovered++;
    }
    options.onProgress?.(byId.size, byId.size);
  }

  const items = [...byId.values()].sort((a, b) => idOf(a) - idOf(b));
  return {
    items,
    count,
    pageSize,
    pages: pages.length + repairPages,
    drift: { detected, duplicatesDropped, recovered, unordered },
  };
}

/**
 * Id ranges that may hold objects the pages missed: between each pair of consecutive
 * non-empty pages whose ids do not touch, and after the highest id seen.
 */
export function repairRanges(
  pageIds: readonly (readonly number[])[],
): Array<{ after?: number; before?: number }> {
  const nonEmpty = pageIds.filter((ids) => ids.length > 0);
  const ranges: Array<{ after?: number; before?: number }> = [];
  for (let i = 1; i < nonEmpty.length; i++) {
    const last = nonEmpty[i - 1]?.at(-1);
    const next = nonEmpty[i]?.[0];
    if (last !== undefined && next !== undefined && next > last + 1)
      ranges.push({ after: last, before: next });
  }
  const max = Math.max(-1, ...nonEmpty.map((ids) => ids.at(-1) ?? -1));
  ranges.push(max >= 0 ? { after: max } : {});
  return ranges;
}

async function fetchRange<T>(
  fetchPage: PaginateOptions<T>['fetchPage'],
  idRange: { after?: number; before?: number },
  pageSize: number,
): Promise<{ items: T[]; requests: number }> {
  const items: T[] = [];
  let requests = 0;
  // Sequential on purpose: ranges are small (what drifted), and each answer says if more follow.
  for (let offset = 0; ; offset += pageSize) {
    const page = await fetchPage({ offset, limit: pageSize, idRange });
    requests++;
    items.push(...page.results);
    if (page.results.length === 0 || offset + page.results.length >= page.count) break;
  }
  return { items, requests };
}

function isAscending(ids: readonly number[]): boolean {
  for (let i = 1; i < ids.length; i++) if ((ids[i] ?? 0) <= (ids[i - 1] ?? 0)) return false;
  return true;
}
