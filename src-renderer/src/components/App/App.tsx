import { useCallback, useLayoutEffect, useRef } from 'react';
import { useActions, useServices } from '../../app/AppServices';
import type { ShortcutAction } from '../../app/shortcuts.logic';
import { useGlobalShortcuts } from '../../app/useGlobalShortcuts';
import {
  broadcastTargets,
  startAdHocBroadcast,
  startGroupBroadcast,
  togglePane,
} from '../../stores/workspace/broadcast.logic';
import { panesOf } from '../../stores/workspace/layout.logic';
import { activeTab, focusedSession, moveFocus } from '../../stores/workspace/workspace.logic';
import { BroadcastBanner } from '../BroadcastBanner/BroadcastBanner';
import { CloseConfirmDialog } from '../CloseConfirm/CloseConfirmDialog';
import { AgentApprovalDialog } from '../AgentApproval/AgentApprovalDialog';
import { ConnectionBanner } from '../ConnectionBanner/ConnectionBanner';
import { HostTree, type HostTreeHandle } from '../HostTree/HostTree';
import { Notices } from '../Notices/Notices';
import { PasteConfirmDialog } from '../PasteConfirm/PasteConfirmDialog';
import { RunPanel } from '../RunPanel/RunPanel';
import { SidebarSplitter } from '../Sidebar/SidebarSplitter';
import { clampSidebarWidth } from '../Sidebar/sidebarWidth.logic';
import { useSidebar } from '../Sidebar/useSidebar';
import { StatusLine } from '../StatusLine/StatusLine';
import { TabBar } from '../TabBar/TabBar';
import { TerminalArea } from '../TerminalArea/TerminalArea';
import { TopBar } from '../TopBar/TopBar';
import { useDoubleEscape } from './useDoubleEscape';
import './App.css';

export function App() {
  const { commands, store, input } = useServices();
  const actions = useActions();
  const searchRef = useRef<HTMLInputElement>(null);
  const treeRef = useRef<HostTreeHandle>(null);
  const appRef = useRef<HTMLDivElement>(null);
  const sidebar = useSidebar();
  const { setHidden: setSidebarHidden } = sidebar;

  // Set on the element rather than through React, so a drag can preview widths without re-rendering the app.
  const showSidebarWidth = useCallback((width: number) => {
    appRef.current?.style.setProperty('--sidebar-width', `${width}px`);
  }, []);
  useLayoutEffect(
    () => showSidebarWidth(clampSidebarWidth(sidebar.width, window.innerWidth)),
    [showSidebarWidth, sidebar.width],
  );

  const focusSearch = useCallback(() => {
    // The search filters the tree: searching in a hidden tree would show nothing.
    setSidebarHidden(false);
    searchRef.current?.focus();
    searchRef.current?.select();
  }, [setSidebarHidden]);
  const focusTree = useCallback(() => treeRef.current?.focus(), []);

  /** Ctrl+Shift+B: the active tab's group; a tab outside any group broadcasts to its own panes. */
  const toggleBroadcast = useCallback(() => {
    actions.setBroadcast((current, ws) => {
      if (current) return null;
      const tab = activeTab(ws);
      if (!tab) return null;
      return tab.groupId ? startGroupBroadcast(tab.groupId) : startAdHocBroadcast(panesOf(tab.root));
    });
  }, [actions]);

  const runShortcut = useCallback(
    (action: ShortcutAction) => {
      const focusMoves = {
        focusLeft: 'left',
        focusRight: 'right',
        focusUp: 'up',
        focusDown: 'down',
      } as const;
      if (action in focusMoves) {
        const direction = focusMoves[action as keyof typeof focusMoves];
        actions.changeWorkspace((ws) => moveFocus(ws, direction));
        return;
      }
      if (action.startsWith('tab') && /\d$/.test(action)) {
        actions.activateIndex(Number(action.slice(3)));
        return;
      }
      const run: Partial<Record<ShortcutAction, () => void>> = {
        focusSearch,
        toggleSidebar: sidebar.toggle,
        nextTab: () => actions.cycleTab(1),
        previousTab: () => actions.cycleTab(-1),
        closeTab: () => void commands.closeActiveTab(),
        duplicateTab: () => void commands.duplicateTab(),
        splitRight: () => void commands.splitFocused('row'),
        splitDown: () => void commands.splitFocused('column'),
        toggleBroadcast,
        toggleExclude: () => {
          const sessionId = focusedSession(store.getState().workspace);
          if (sessionId !== null) actions.setBroadcast((current, ws) => togglePane(current, ws, sessionId));
        },
      };
      run[action]?.();
    },
    [actions, commands, focusSearch, sidebar.toggle, store, toggleBroadcast],
  );
  useGlobalShortcuts(runShortcut);
  useDoubleEscape(
    () => broadcastTargets(store.getState().broadcast, store.getState().workspace).length > 0,
    () => {
      input.discardHeldEscape();
      actions.setBroadcast(() => null);
    },
  );

  return (
    <div ref={appRef} className="app" data-sidebar={sidebar.hidden ? 'hidden' : 'shown'}>
      <TopBar
        searchRef={searchRef}
        onLeaveSearch={focusTree}
        sidebarHidden={sidebar.hidden}
        onToggleSidebar={sidebar.toggle}
      />
      <aside
        id="host-navigation"
        className="app-sidebar"
        aria-label="Host navigation"
        hidden={sidebar.hidden}
      >
        <HostTree treeRef={treeRef} onFocusSearch={focusSearch} />
      </aside>
      {sidebar.hidden ? null : (
        <SidebarSplitter
          width={clampSidebarWidth(sidebar.width, window.innerWidth)}
          preview={showSidebarWidth}
          commit={sidebar.commitWidth}
          hide={() => setSidebarHidden(true)}
        />
      )}
      <main className="app-workspace">
        <TabBar />
        <BroadcastBanner />
        <TerminalArea />
        <RunPanel />
      </main>
      <StatusLine />
      <div className="app-overlays">
        <ConnectionBanner />
        <Notices />
      </div>
      <PasteConfirmDialog />
      <CloseConfirmDialog />
      <AgentApprovalDialog />
    </div>
  );
}
