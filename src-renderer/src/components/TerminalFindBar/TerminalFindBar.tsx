import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { matchCountText } from '../../terminal/findBar.logic';
import {
  SEARCH_HIGHLIGHT_LIMIT,
  type SearchDirection,
  type SearchResults,
} from '../../terminal/terminalSearch';
import './TerminalFindBar.css';

interface TerminalFindBarProps {
  results: SearchResults | null;
  /** Changes each time the user asks for the find bar again, so it takes the keyboard even when open. */
  focusRequest: number;
  findShortcut: string;
  onFind: (query: string, direction: SearchDirection, incremental: boolean) => void;
  onClose: () => void;
}

/**
 * Find in the terminal's scrollback. Output grows downward, so as in VS Code's terminal the search runs
 * upward from the bottom: typing shows the most recent match, Enter steps to older matches, Shift+Enter to
 * newer ones. Esc closes and gives the keyboard back to the terminal.
 */
export function TerminalFindBar({
  results,
  focusRequest,
  findShortcut,
  onFind,
  onClose,
}: TerminalFindBarProps) {
  const [query, setQuery] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusRequest]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      onFind(query, event.shiftKey ? 'next' : 'previous', false);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <div role="search" aria-label="Terminal search" className="terminal-find-bar">
      <input
        ref={inputRef}
        aria-label="Find in terminal"
        type="text"
        className="terminal-find-input"
        placeholder="Find"
        title={`Find in terminal (${findShortcut})`}
        spellCheck={false}
        autoComplete="off"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          onFind(event.target.value, 'previous', true);
        }}
        onKeyDown={onKeyDown}
      />
      <span className="terminal-find-count" aria-live="polite">
        {matchCountText(query, results, SEARCH_HIGHLIGHT_LIMIT)}
      </span>
      <button
        type="button"
        aria-label="Previous match"
        title="Previous match, upward (Enter)"
        disabled={query === ''}
        onClick={() => onFind(query, 'previous', false)}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="button"
        aria-label="Next match"
        title="Next match, downward (Shift+Enter)"
        disabled={query === ''}
        onClick={() => onFind(query, 'next', false)}
      >
        <span aria-hidden="true">↓</span>
      </button>
      <button type="button" aria-label="Close find bar" title="Close (Esc)" onClick={onClose}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
