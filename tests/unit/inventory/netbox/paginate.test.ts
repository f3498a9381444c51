import { describe, expect, it } from 'vitest';
import {
  fetchAllPages,
  repairRanges,
  type PageRequest,
} from '../../../../src-main/inventory/netbox/paginate';

interface Item {
  id: number;
}

/** An in-memory NetBox list ordered by id, whose contents a test may change between pages. */
function fakeList(count: number, options: { maxPageSize?: number; ignoreOrdering?: boolean } = {}) {
  let rows: Item[] = Array.from({ length: count }, (_, i) => ({ id: i + 1 }));
  const beforePage = new Map<number, () => void>();
  const requests: PageRequest[] = [];
  let nextId = count + 1;
  return {
    requests,
    /** Runs once, just before the page at this offset is served. */
    before(offset: number, change: () => void) {
      beforePage.set(offset, change);
    },
    insert(n: number) {
      for (let i = 0; i < n; i++) rows.push({ id: nextId++ });
    },
    deleteFirst(n: number) {
      rows = rows.slice(n);
    },
    get ids() {
      return rows.map((r) => r.id);
    },
    fetchPage: (request: PageRequest) => {
      requests.push(request);
      if (!request.idRange) {
        beforePage.get(request.offset)?.();
        beforePage.delete(request.offset);
      }
      const { after, before } = request.idRange ?? {};
      let matching = rows.filter(
        (r) => (after === undefined || r.id > after) && (before === undefined || r.id < before),
      );
      if (options.ignoreOrdering) matching = [...matching].reverse();
      const limit = Math.min(request.limit, options.maxPageSize ?? Infinity);
      return Promise.resolve({
        count: matching.length,
        results: matching.slice(request.offset, request.offset + limit),
      });
    },
  };
}

const idOf = (item: Item) => item.id;

describe('parallel offset pagination', () => {
  it('reads every page once when nothing changes, and reports progress', async () => {
    const list = fakeList(1050);
    const progress: Array<[number, number]> = [];
    const result = await fetchAllPages({
      fetchPage: list.fetchPage,
      idOf,
      pageSize: 100,
      onProgress: (f, t) => progress.push([f, t]),
    });
    expect(result.items.map(idOf)).toEqual(list.ids);
    expect(result.pages).toBe(11);
    expect(list.requests.map((r) => r.offset)).toEqual([
      0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000,
    ]);
    expect(result.drift).toEqual({ detected: false, duplicatesDropped: 0, recovered: 0, unordered: false });
    expect(progress.at(-1)).toEqual([1050, 1050]);
  });

  it('handles an empty list and a list of exactly one page', async () => {
    expect((await fetchAllPages({ fetchPage: fakeList(0).fetchPage, idOf, pageSize: 50 })).items).toEqual([]);
    const one = fakeList(50);
    expect((await fetchAllPages({ fetchPage: one.fetchPage, idOf, pageSize: 50 })).items).toHaveLength(50);
    expect(one.requests).toHaveLength(1);
  });

  it("learns the server's MAX_PAGE_SIZE from a short first page", async () => {
    const list = fakeList(1000, { maxPageSize: 250 });
    const result = await fetchAllPages({ fetchPage: list.fetchPage, idOf, pageSize: 1000 });
    expect(result.pageSize).toBe(250);
    expect(result.items).toHaveLength(1000);
    expect(list.requests.map((r) => r.offset)).toEqual([0, 250, 500, 750]);
  });

  it('objects added during the sync: no duplicates, the new ones are picked up', async () => {
    const list = fakeList(500);
    list.before(200, () => list.insert(3));
    const result = await fetchAllPages({ fetchPage: list.fetchPage, idOf, pageSize: 100 });
    expect(result.items.map(idOf)).toEqual(list.ids);
    expect(result.drift).toMatchObject({ detected: true, recovered: 3, duplicatesDropped: 0 });
  });

  it('objects deleted during the sync: the one hidden at a page boundary is recovered', async () => {
    const list = fakeList(500);
    list.before(300, () => list.deleteFirst(2));
    const result = await fetchAllPages({ fetchPage: list.fetchPage, idOf, pageSize: 100 });
    const ids = result.items.map(idOf);
    // Everything that still exists is there (ids 1 and 2 were read before they were deleted).
    expect(ids.filter((id) => id > 2)).toEqual(list.ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(result.drift).toMatchObject({ detected: true, recovered: 2 });
  });

  it('a server that ignores ordering=id: duplicates are still dropped and the drift reported', async () => {
    const list = fakeList(300, { ignoreOrdering: true });
    list.before(100, () => list.insert(1));
    const result = await fetchAllPages({ fetchPage: list.fetchPage, idOf, pageSize: 100 });
    const ids = result.items.map(idOf);
    expect(new Set(ids).size).toBe(ids.length);
    expect(result.drift).toMatchObject({ detected: true, unordered: true });
  });

  it('repair ranges cover page gaps and the tail', () => {
    expect(repairRanges([[1, 2, 3], [5, 6], [6, 7], [], [9, 10]])).toEqual([
      { after: 3, before: 5 },
      { after: 7, before: 9 },
      { after: 10 },
    ]);
    expect(repairRanges([[], []])).toEqual([{}]);
  });
});
