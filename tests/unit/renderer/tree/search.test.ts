import { describe, expect, it } from 'vitest';
import {
  buildSearchIndex,
  highlightsFor,
  mergeRanges,
  narrows,
  rankScore,
  searchEntries,
} from '../../../../src-renderer/src/stores/tree/search.logic';
import { buildEntries } from '../../../../src-renderer/src/stores/tree/treeEntries.logic';
import { host, treeData } from './treeFixtures';

const data = treeData(
  [
    host('ssh-config', 'web-01', { address: '10.1.0.1' }),
    host('ssh-config', 'db-web', { address: '10.1.0.2' }),
    host('netbox', 'api-01', { groups: ['fra1', 'web'], user: 'deploy' }),
    host('netbox', 'mail', { address: 'webmail.example.org' }),
    host('netbox', 'postgres-primary'),
  ],
  { hosts: { 'netbox:mail': { tags: ['smtp'] } } },
);
const { entries } = buildEntries(data);
const index = buildSearchIndex(entries);
const labels = (query: string) => {
  const match = searchEntries(index, query);
  return entries.filter((_, i) => match?.mask[i] === 1).map((e) => e.label);
};

describe('search', () => {
  it('matches label, address, user, tags, groups and source, every term in any order', () => {
    expect(labels('web')).toEqual(['web-01', 'db-web', 'api-01', 'mail']);
    expect(labels('deploy')).toEqual(['api-01']);
    expect(labels('smtp')).toEqual(['mail']);
    expect(labels('fra1')).toEqual(['api-01']);
    expect(labels('ssh config')).toEqual(['web-01', 'db-web']);
    expect(labels('01 web')).toEqual(['web-01', 'api-01']);
    expect(searchEntries(index, '   ')).toBeNull();
  });

  it('forgives punctuation: a name typed without its separators finds the host, ranked as the label', () => {
    const named = buildSearchIndex(
      buildEntries(
        treeData([
          host('ssh-config', 'web-03', { address: '127.0.0.1' }),
          host('ssh-config', 'api-prod-013', { address: '127.0.0.1' }),
          host('ssh-config', 'web-1', { address: '10.0.0.5' }),
          host('ssh-config', 'web-2', { address: '127.0.0.1' }),
        ]),
      ).entries,
    );
    const found = (query: string) => {
      const match = searchEntries(named, query);
      return named.entries.filter((_, i) => match?.mask[i] === 1).map((e) => e.label);
    };
    expect(found('web03')).toEqual(['web-03']);
    expect(found('apiprod013')).toEqual(['api-prod-013']);
    expect(named.entries[searchEntries(named, 'web03')?.best ?? -1]?.label).toBe('web-03');
    // A bare number beside a name is the name's number, not a digit of 127.0.0.1.
    expect(found('web 1')).toEqual(['web-1']);
    // Alone, or with dots, it may still find an address.
    expect(found('10.0')).toEqual(['web-1']);
    expect(found('5')).toEqual(['web-1']);
    expect(rankScore('api-prod-013', 'apiprod013', ['apiprod013'])).toBe(0);
  });

  it('tolerates one typo in longer terms, never in short ones', () => {
    expect(labels('postgers')).toEqual(['postgres-primary']);
    expect(labels('wbe')).toEqual([]);
  });

  it('ranks the exact label, then a label prefix, then a label substring, then anything else', () => {
    expect(rankScore('web-01', 'web-01', ['web-01'])).toBe(0);
    expect(rankScore('web-01', 'web', ['web'])).toBe(1);
    expect(rankScore('db-web', 'web', ['web'])).toBe(2);
    expect(rankScore('api-01', '01 api', ['01', 'api'])).toBe(3);
    expect(rankScore('mail', 'web', ['web'])).toBe(4);
    const match = searchEntries(index, 'web');
    expect(entries[match?.best ?? -1]?.label).toBe('web-01');
    expect(entries[searchEntries(index, 'smtp')?.best ?? -1]?.label).toBe('mail');
  });

  it('highlights where each term matched, in the label and the address', () => {
    const match = searchEntries(index, 'web 01');
    const shown = entries.flatMap((e, i) => (match?.mask[i] === 1 ? [i] : []));
    const highlights = highlightsFor(index, shown, match?.terms ?? []);
    const web01 = entries.findIndex((e) => e.label === 'web-01');
    expect(highlights.get(web01)?.label).toEqual([
      [0, 3],
      [4, 6],
    ]);
    const mail = searchEntries(index, 'webmail');
    const mailIndex = entries.findIndex((e) => e.label === 'mail');
    expect(highlightsFor(index, [mailIndex], mail?.terms ?? []).get(mailIndex)?.destination).toEqual([
      [0, 7],
    ]);
  });

  it('searches only the previous matches while the query narrows, with the same result', () => {
    const first = searchEntries(index, 'we');
    expect(narrows(first, 'web')).toBe(true);
    expect(narrows(first, 'w')).toBe(false);
    const tolerant = searchEntries(index, 'post');
    // From four to five characters the term starts tolerating typos: it may match more, so search all again.
    expect(narrows(tolerant, 'posts')).toBe(false);
    expect(searchEntries(index, 'web', first)?.count).toBe(searchEntries(index, 'web')?.count);
  });

  it('merges overlapping ranges', () => {
    expect(
      mergeRanges([
        [4, 6],
        [0, 3],
        [2, 5],
        [8, 9],
      ]),
    ).toEqual([
      [0, 6],
      [8, 9],
    ]);
  });
});
