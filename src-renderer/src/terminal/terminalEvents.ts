import type { RendererChoice } from './rendererChoice.logic';
import type { SearchResults } from './terminalSearch';
import type { TerminalStatus } from './terminalStatus';

/** What a terminal tells the pane around it. */
export interface TerminalEvents {
  status(status: TerminalStatus): void;
  /** The remote program rang the bell (BEL). */
  bell(): void;
  /** The user pressed the find shortcut in the terminal. */
  findRequested(): void;
  searchResults(results: SearchResults): void;
  renderer(choice: RendererChoice): void;
  /** Something the user asked for failed (clipboard refused...): say so. */
  problem(message: string): void;
}
