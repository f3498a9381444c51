import { useCallback, useRef } from 'react';
import { useActions, useServices } from '../../app/AppServices';
import type { ShortcutAction } from '../../app/shortcuts.logic';
import { useGlobalShortcuts } from '../../app/useGlobalShortcuts';
import { ConnectionBanner } from '../ConnectionBanner/ConnectionBanner';
import { HostTree, type HostTreeHandle } from '../HostTree/HostTree';
import { Notices } from '../Notices/Notices';
import { RunPanel } from '../RunPanel/RunPanel';
import { StatusLine } from '../StatusLine/StatusLine';
import { TabBar } from '../TabBar/TabBar';
import { TerminalArea } from '../TerminalArea/TerminalArea';
import { TopBar } from '../TopBar/TopBar';
import './App.css';

export function App() {
  const { commands } = useServices();
  const actions = useActions();
  const searchRef = useRef<HTMLInputElement>(null);
  const treeRef = useRef<HostTreeHandle>(null);

  const focusSearch = useCallback(() => {
    searchRef.current?.focus();
    searchRef.current?.select();
  }, []);
  const focusTree = useCallback(() => treeRef.current?.focus(), []);

  const runShortcut = useCallback(
    (action: ShortcutAction) => {
      if (action === 'focusSearch') focusSearch();
      else if (action === 'nextTab') actions.cycleTab(1);
      else if (action === 'previousTab') actions.cycleTab(-1);
      else void commands.closeActiveTab();
    },
    [actions, commands, focusSearch],
  );
  useGlobalShortcuts(runShortcut);

  return (
    <div className="app">
      <TopBar searchRef={searchRef} onLeaveSearch={focusTree} />
      <aside className="app-sidebar" aria-label="Host navigation">
        <HostTree treeRef={treeRef} onFocusSearch={focusSearch} />
      </aside>
      <main className="app-workspace">
        <TabBar />
        <TerminalArea />
        <RunPanel />
      </main>
      <StatusLine />
      <div className="app-overlays">
        <ConnectionBanner />
        <Notices />
      </div>
    </div>
  );
}
