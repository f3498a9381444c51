import { useState, type KeyboardEvent, type RefObject } from 'react';
import { useServices } from '../../app/AppServices';
import { useTreeState } from '../../tree/useTree';
import { SyncIndicator } from './SyncIndicator';
import { SettingsDialog } from '../SettingsDialog/SettingsDialog';
import { HelpMenu } from './HelpMenu';
import './TopBar.css';

interface TopBarProps {
  searchRef: RefObject<HTMLInputElement | null>;
  /** Escape or ArrowDown in the search box hands focus back to the tree. */
  onLeaveSearch: () => void;
  sidebarHidden: boolean;
  onToggleSidebar: () => void;
}

export function TopBar({ searchRef, onLeaveSearch, sidebarHidden, onToggleSidebar }: TopBarProps) {
  const query = useTreeState((state) => state.query);
  const treeStore = useServices().tree.store;
  const setQuery = (value: string) => treeStore.getState().setQuery(value);
  const [settingsOpen, setSettingsOpen] = useState(false);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      setQuery('');
      onLeaveSearch();
    } else if (event.key === 'ArrowDown' || event.key === 'Enter') {
      event.preventDefault();
      onLeaveSearch();
    }
  };

  return (
    <header className="top-bar">
      <button
        type="button"
        className="top-bar-sidebar-toggle"
        aria-label={sidebarHidden ? 'Show host navigation' : 'Hide host navigation'}
        aria-controls="host-navigation"
        aria-expanded={!sidebarHidden}
        title={`${sidebarHidden ? 'Show' : 'Hide'} host navigation (Ctrl+B)`}
        onClick={onToggleSidebar}
      >
        ☰
      </button>
      <span className="top-bar-brand">Muxdeck</span>
      <div className="top-bar-search">
        <input
          ref={searchRef}
          type="search"
          className="top-bar-search-input"
          aria-label="Search hosts"
          placeholder="Search hosts…"
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <kbd className="top-bar-search-hint" aria-hidden="true">
          /
        </kbd>
      </div>
      <SyncIndicator />
      <button
        type="button"
        className="top-bar-settings"
        aria-label="Settings"
        title="Settings"
        onClick={() => setSettingsOpen(true)}
      >
        ⚙
      </button>
      <HelpMenu />
      {settingsOpen ? <SettingsDialog onClose={() => setSettingsOpen(false)} /> : null}
    </header>
  );
}
