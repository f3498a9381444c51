import { SearchAddon, type ISearchOptions } from '@xterm/addon-search';
import type { Terminal } from '@xterm/xterm';
import type { TerminalThemeName } from './terminalSettings.logic';
import { SEARCH_COLORS } from './terminalThemes';

export interface SearchResults {
  /** 0-based index of the highlighted match, or -1 when there are more matches than are highlighted. */
  index: number;
  count: number;
}

export type SearchDirection = 'next' | 'previous';

/** Beyond this many matches the addon stops highlighting; the find bar then says "1000+". */
export const SEARCH_HIGHLIGHT_LIMIT = 1000;

/** Search through the terminal's screen and scrollback (@xterm/addon-search), with highlighted matches. */
export class TerminalSearch {
  private readonly addon = new SearchAddon({ highlightLimit: SEARCH_HIGHLIGHT_LIMIT });

  constructor(
    term: Terminal,
    private themeName: () => TerminalThemeName,
    onResults: (results: SearchResults) => void,
  ) {
    term.loadAddon(this.addon);
    this.addon.onDidChangeResults(({ resultIndex, resultCount }) =>
      onResults({ index: resultIndex, count: resultCount }),
    );
  }

  /**
   * Moves to the next or previous match of `query`. `incremental` (typing) keeps the current match while it
   * still matches, so each keystroke refines instead of jumping ahead.
   */
  find(query: string, direction: SearchDirection, incremental = false): boolean {
    if (query === '') {
      this.clear();
      return false;
    }
    const options = this.options(incremental);
    return direction === 'next'
      ? this.addon.findNext(query, options)
      : this.addon.findPrevious(query, options);
  }

  clear(): void {
    this.addon.clearDecorations();
  }

  private options(incremental: boolean): ISearchOptions {
    const colors = SEARCH_COLORS[this.themeName()];
    return {
      incremental,
      decorations: {
        matchBackground: colors.match,
        activeMatchBackground: colors.active,
        matchOverviewRuler: colors.ruler,
        activeMatchColorOverviewRuler: colors.activeRuler,
      },
    };
  }
}
