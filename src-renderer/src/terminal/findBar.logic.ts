export interface MatchCount {
  /** 0-based index of the highlighted match, or -1 when there are too many to number. */
  index: number;
  count: number;
}

/** The find bar's count: "3 of 12", "No matches", "1000+ matches"; empty before anything was searched. */
export function matchCountText(query: string, results: MatchCount | null, highlightLimit: number): string {
  if (query === '' || results === null) return '';
  if (results.count === 0) return 'No matches';
  if (results.index < 0)
    return results.count >= highlightLimit ? `${highlightLimit}+ matches` : `${results.count} matches`;
  return `${results.index + 1} of ${results.count}`;
}
