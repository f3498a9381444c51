import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useStore } from 'zustand';
import { useAppState, useServices } from '../../app/AppServices';
import { themeNameOf } from '../../terminal/terminalSettingsStore';
import { TERMINAL_THEMES } from '../../terminal/terminalThemes';
import { newLayoutId } from '../../stores/appStore';
import { broadcastTargets, candidates, togglePane } from '../../stores/workspace/broadcast.logic';
import { computeRects, panesOf, type PaneRect } from '../../stores/workspace/layout.logic';
import {
  focusPane,
  mergeTab,
  popOut,
  toggleMaximize,
  type Tab,
} from '../../stores/workspace/workspace.logic';
import { EmptyState } from '../EmptyState/EmptyState';
import { TAB_DRAG_TYPE, tabElementId, WORKSPACE_PANEL_ID } from '../TabBar/tabIds';
import type { PaneBroadcastRole } from '../TerminalPane/PaneHeader';
import { TerminalPane } from '../TerminalPane/TerminalPane';
import { SplitDividers } from './SplitDividers';
import './TerminalArea.css';

type Zone = 'left' | 'right' | 'top' | 'bottom';

/** The edge of the pane nearest the pointer: a tab dropped there is split in on that side. */
function zoneAt(event: DragEvent<HTMLElement>): Zone {
  const box = event.currentTarget.getBoundingClientRect();
  const x = (event.clientX - box.left) / Math.max(1, box.width);
  const y = (event.clientY - box.top) / Math.max(1, box.height);
  const distances: [Zone, number][] = [
    ['left', x],
    ['right', 1 - x],
    ['top', y],
    ['bottom', 1 - y],
  ];
  return distances.sort((a, b) => a[1] - b[1])[0]?.[0] ?? 'right';
}

/**
 * Every pane of every tab stays mounted, positioned by its tab's split layout; only the active tab's are
 * shown. Panes are keyed by session and never change parents, so splitting, merging, popping out and
 * switching tabs never restart a terminal. (This is why the splits are our own few lines rather than a
 * split-pane library: those nest one DOM subtree per split, and moving a pane would remount it.)
 */
export function TerminalArea() {
  const { sizeHint, actions, terminal } = useServices();
  const themeName = useStore(terminal.settings, themeNameOf);
  const workspace = useAppState((state) => state.workspace);
  const sessions = useAppState((state) => state.sessions);
  const broadcast = useAppState((state) => state.broadcast);
  const areaRef = useRef<HTMLDivElement>(null);
  const [drop, setDrop] = useState<{ sessionId: string; zone: Zone } | null>(null);

  // Lets the first session be opened at about the size it will be shown at.
  useEffect(() => {
    sizeHint.setAreaProbe(() => {
      const area = areaRef.current;
      return area ? { width: area.clientWidth, height: area.clientHeight } : null;
    });
    return () => sizeHint.setAreaProbe(null);
  }, [sizeHint]);

  const placed = useMemo(() => {
    const entries: { tab: Tab; pane: PaneRect; shown: boolean }[] = [];
    for (const tab of workspace.tabs) {
      const shownRects = computeRects(tab.root, tab.maximized).panes;
      const shownIds = new Set(shownRects.map((entry) => entry.sessionId));
      const all = computeRects(tab.root).panes;
      for (const entry of all) {
        const rect = shownRects.find((shown) => shown.sessionId === entry.sessionId)?.rect ?? entry.rect;
        entry.rect = rect;
        entries.push({
          tab,
          pane: entry,
          shown: tab.id === workspace.activeTabId && shownIds.has(entry.sessionId),
        });
      }
    }
    return entries;
  }, [workspace]);

  const targets = useMemo(() => new Set(broadcastTargets(broadcast, workspace)), [broadcast, workspace]);
  const members = useMemo(() => new Set(candidates(broadcast, workspace)), [broadcast, workspace]);
  const roleOf = (sessionId: string): PaneBroadcastRole =>
    targets.has(sessionId) ? 'target' : members.has(sessionId) ? 'excluded' : 'none';

  const active = workspace.tabs.find((tab) => tab.id === workspace.activeTabId);
  const labelOf = (id: string) => sessions.find((session) => session.id === id)?.label ?? id;

  const dragOver = (event: DragEvent<HTMLDivElement>, sessionId: string): void => {
    if (!event.dataTransfer.types.includes(TAB_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    const zone = zoneAt(event);
    if (drop?.sessionId !== sessionId || drop.zone !== zone) setDrop({ sessionId, zone });
  };
  const dropOn = (event: DragEvent<HTMLDivElement>, sessionId: string): void => {
    const tabId = event.dataTransfer.getData(TAB_DRAG_TYPE);
    setDrop(null);
    if (!tabId) return;
    event.preventDefault();
    const zone = zoneAt(event);
    const direction = zone === 'left' || zone === 'right' ? 'row' : 'column';
    const position = zone === 'left' || zone === 'top' ? 'before' : 'after';
    actions.changeWorkspace((ws) => mergeTab(ws, tabId, sessionId, direction, position));
  };

  return (
    <div ref={areaRef} className="terminal-area">
      {workspace.tabs.length === 0 ? <EmptyState /> : null}
      <div
        role="tabpanel"
        id={WORKSPACE_PANEL_ID}
        aria-labelledby={active ? tabElementId(active.id) : undefined}
        className="workspace-panel"
        hidden={!active}
        style={{ background: TERMINAL_THEMES[themeName].background }}
      >
        {placed.map(({ tab, pane, shown }) => (
          <TerminalPane
            key={pane.sessionId}
            sessionId={pane.sessionId}
            label={labelOf(pane.sessionId)}
            visible={shown}
            focused={tab.focused === pane.sessionId}
            rect={pane.rect}
            shared={panesOf(tab.root).length > 1}
            maximized={tab.maximized === pane.sessionId}
            broadcast={roleOf(pane.sessionId)}
            onFocusPane={() => actions.changeWorkspace((ws) => focusPane(ws, pane.sessionId))}
            onToggleBroadcast={() =>
              actions.setBroadcast((current, ws) => togglePane(current, ws, pane.sessionId))
            }
            onToggleMaximize={() => actions.changeWorkspace((ws) => toggleMaximize(ws, pane.sessionId))}
            onPopOut={() => actions.changeWorkspace((ws) => popOut(ws, pane.sessionId, newLayoutId('tab')))}
            dropZone={drop?.sessionId === pane.sessionId ? drop.zone : null}
            onDragOverPane={(event) => dragOver(event, pane.sessionId)}
            onDragLeavePane={() => setDrop(null)}
            onDropOnPane={(event) => dropOn(event, pane.sessionId)}
          />
        ))}
        {active && active.maximized === undefined ? <SplitDividers tab={active} areaRef={areaRef} /> : null}
      </div>
    </div>
  );
}
