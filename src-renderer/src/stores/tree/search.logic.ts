import uFuzzy from '@leeoniya/ufuzzy';
import type { TreeEntry } from './treeEntries.logic';

/** Per-entry text to search, built once per data change: label, address, user, tags, groups, source. */
export interface SearchIndex {
  /** What the index was built from, so the next build can reuse unchanged hosts' text. */
  entries: readonly TreeEntry[];
  haystack: string[];
  /** The same text with the destination blanked out (same offsets): where a bare number is looked for. */
  namesHaystack: string[];
  labelsLower: string[];
  /** Labels without separators ("web-03" → "web03"). */
  labelsCompact: string[];
  /** Where each entry's destination starts in its haystack string. */
  destinationStart: Int32Array;
  fuzzy: uFuzzy;
}

/** Which entries match the query, and the one to focus first. */
export interface MatchState {
  query: string;
  terms: string[];
  /** 1 for every matching entry. */
  mask: Uint8Array;
  count: number;
  /** The best-ranked match (entry index), -1 when nothing matches. */
  best: number;
}

export type Range = readonly [start: number, end: number];

export interface Highlights {
  label: Range[];
  destination: Range[];
}

/**
 * Typo-tolerant only where it helps: a term of five or more characters may have one substitution,
 * transposition, insertion or deletion; shorter terms must appear as written (else "db" would match
 * nearly everything).
 */
function createFuzzy(): uFuzzy {
  return new uFuzzy({
    intraMode: 1,
    intraRules: (term) => {
      const tolerant = term.length >= 5 ? 1 : 0;
      return {
        intraSlice: [1, Number.POSITIVE_INFINITY],
        intraIns: tolerant,
        intraSub: tolerant,
        intraTrn: tolerant,
        intraDel: tolerant,
      };
    },
    // Parts of one term split at punctuation ("web-01", "10.0.1") must stay close together.
    interIns: 3,
  });
}

export function buildSearchIndex(entries: readonly TreeEntry[], previous?: SearchIndex): SearchIndex {
  const haystack: string[] = new Array<string>(entries.length);
  const namesHaystack: string[] = new Array<string>(entries.length);
  const labelsLower: string[] = new Array<string>(entries.length);
  const labelsCompact: string[] = new Array<string>(entries.length);
  const destinationStart = new Int32Array(entries.length);
  entries.forEach((entry, i) => {
    // The same entry object as before (an unchanged host): its text is unchanged too.
    if (previous && previous.entries[i] === entry) {
      haystack[i] = previous.haystack[i] ?? '';
      namesHaystack[i] = previous.namesHaystack[i] ?? '';
      labelsLower[i] = previous.labelsLower[i] ?? '';
      labelsCompact[i] = previous.labelsCompact[i] ?? '';
      destinationStart[i] = previous.destinationStart[i] ?? 0;
      return;
    }
    destinationStart[i] = entry.label.length + 1;
    labelsLower[i] = entry.label.toLowerCase();
    labelsCompact[i] = compactName(entry.label);
    const rest = [
      entry.user ?? '',
      entry.tags.join(' '),
      entry.host.groups.join(' '),
      entry.sourceLabel,
      entry.originalLabel ?? '',
      // "web03" finds "web-03": the label once more without its separators.
      labelsCompact[i],
    ].join(' ');
    haystack[i] = `${entry.label} ${entry.destination} ${rest}`;
    namesHaystack[i] = `${entry.label} ${' '.repeat(entry.destination.length)} ${rest}`;
  });
  return {
    entries,
    haystack,
    namesHaystack,
    labelsLower,
    labelsCompact,
    destinationStart,
    fuzzy: previous?.fuzzy ?? createFuzzy(),
  };
}

/** A name as typed without separators: "API-prod_013" → "apiprod013". */
export function compactName(name: string): string {
  return name.toLowerCase().replace(/[\s._-]+/g, '');
}

/**
 * A bare number next to other terms ("web 1") means a name's number, not any digit of an address
 * (it matched every host's 127.0.0.1); alone, or with dots ("10.0"), it may match addresses.
 */
function haystackFor(index: SearchIndex, term: string, terms: readonly string[]): string[] {
  return terms.length > 1 && /^\d+$/.test(term) ? index.namesHaystack : index.haystack;
}

/** Whitespace separates terms; every term must match, in any order, anywhere in the host's text. */
export function queryTerms(query: string): string[] {
  return query.trim().split(/\s+/).filter(Boolean);
}

/**
 * Lower is better: the exact label, then labels starting with the query, containing it, containing
 * every term; then matches elsewhere (address, tags, groups...).
 */
export function rankScore(labelLower: string, queryLower: string, termsLower: readonly string[]): number {
  const label = compactName(labelLower);
  const query = compactName(queryLower);
  if (labelLower === queryLower || label === query) return 0;
  if (labelLower.startsWith(queryLower) || label.startsWith(query)) return 1;
  if (labelLower.includes(queryLower) || label.includes(query)) return 2;
  if (termsLower.every((term) => labelLower.includes(term) || label.includes(compactName(term)))) return 3;
  return 4;
}

/** Terms this long tolerate one typo; shorter ones must match as written. */
const TOLERANT_LENGTH = 5;

/**
 * Whether every match of `query` is also a match of `previous`, so only the previous matches need
 * searching (typing narrows): true when the query only grew, and its last term did not just become
 * long enough to tolerate typos (which can match what the shorter, exact term did not).
 */
export function narrows(previous: MatchState | null, query: string): previous is MatchState {
  if (!previous || !query.startsWith(previous.query)) return false;
  const before = previous.terms[previous.terms.length - 1] ?? '';
  const terms = queryTerms(query);
  const after = terms[terms.length - 1] ?? '';
  const sameLastTerm = terms.length === previous.terms.length;
  return !(sameLastTerm && before.length < TOLERANT_LENGTH && after.length >= TOLERANT_LENGTH);
}

function indexesOf(mask: Uint8Array): number[] {
  const indexes: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i] === 1) indexes.push(i);
  return indexes;
}

export function searchEntries(
  index: SearchIndex,
  query: string,
  previous: MatchState | null = null,
): MatchState | null {
  const terms = queryTerms(query);
  if (terms.length === 0) return null;
  const mask = new Uint8Array(index.haystack.length);
  let matched: number[] | null =
    narrows(previous, query) && previous.mask.length === mask.length ? indexesOf(previous.mask) : null;
  for (const term of terms) {
    const next: number[] | null = index.fuzzy.filter(
      haystackFor(index, term, terms),
      term,
      matched ?? undefined,
    );
    matched = next ?? [];
    if (matched.length === 0) break;
  }
  const ids = matched ?? [];
  const queryLower = terms.join(' ').toLowerCase();
  const termsLower = terms.map((term) => term.toLowerCase());
  let best = -1;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const i of ids) {
    mask[i] = 1;
    if (bestScore === 0) continue;
    const score = rankScore(index.labelsLower[i] ?? '', queryLower, termsLower);
    if (score < bestScore || (score === bestScore && i < best)) {
      best = i;
      bestScore = score;
    }
  }
  return { query, terms, mask, count: ids.length, best };
}

/** Merges overlapping or touching ranges, sorted. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * Highlight ranges in each entry's label and destination, for the few rows on screen only: uFuzzy
 * reports where each term matched in the whole haystack string, which is mapped back to the fields.
 */
export function highlightsFor(
  index: SearchIndex,
  entryIndexes: readonly number[],
  terms: readonly string[],
): Map<number, Highlights> {
  const result = new Map<number, Highlights>();
  if (entryIndexes.length === 0 || terms.length === 0) return result;
  const raw = new Map<number, Range[]>();
  for (const term of terms) {
    let info: uFuzzy.Info;
    try {
      info = index.fuzzy.info([...entryIndexes], haystackFor(index, term, terms), term);
    } catch {
      continue;
    }
    info.idx.forEach((entry, k) => {
      const flat = info.ranges[k] ?? [];
      const list = raw.get(entry) ?? [];
      for (let r = 0; r + 1 < flat.length; r += 2) list.push([flat[r] ?? 0, flat[r + 1] ?? 0]);
      raw.set(entry, list);
    });
  }
  for (const [entry, ranges] of raw) {
    const destStart = index.destinationStart[entry] ?? 0;
    const labelEnd = destStart - 1;
    const destEnd = destStart + destinationLength(index, entry);
    const label: Range[] = [];
    const destination: Range[] = [];
    for (const [start, end] of ranges) {
      if (start < labelEnd) label.push([start, Math.min(end, labelEnd)]);
      if (end > destStart && start < destEnd)
        destination.push([Math.max(start, destStart) - destStart, Math.min(end, destEnd) - destStart]);
    }
    result.set(entry, { label: mergeRanges(label), destination: mergeRanges(destination) });
  }
  return result;
}

function destinationLength(index: SearchIndex, entry: number): number {
  const text = index.haystack[entry] ?? '';
  const start = index.destinationStart[entry] ?? 0;
  const space = text.indexOf(' ', start);
  // Destinations contain no spaces (user@host:port), so the next space ends it.
  return (space === -1 ? text.length : space) - start;
}
