import { useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { GroupColor, SessionInfo } from '../../../../src-preload/api';
import { useActions, useAppState, useServices } from '../../app/AppServices';
import { newLayoutId } from '../../stores/appStore';
import { broadcastTargets, startGroupBroadcast } from '../../stores/workspace/broadcast.logic';
import { panesOf } from '../../stores/workspace/layout.logic';
import {
  createGroup,
  groupSessions,
  moveTab,
  renameTab,
  setTabGroup,
  ungroup,
  updateGroup,
  visibleTabs,
  type Group,
  type Tab,
} from '../../stores/workspace/workspace.logic';
import { describeStatus, effectiveStatus } from '../../terminal/sessionStatus.logic';
import { Menu } from '../Menu/Menu';
import { StatusDot } from '../SessionStatus/StatusDot';
import { TAB_DRAG_TYPE, tabElementId, WORKSPACE_PANEL_ID } from './tabIds';
import { groupMenu, tabMenu } from './tabMenus.logic';
import { openLogFolder } from '../../settings/logFolder';
import { findSession } from '../../stores/sessions.logic';
import { errorMessage } from '../../app/errorMessage';
import './TabBar.css';

type MenuTarget =
  { kind: 'tab'; id: string; x: number; y: number } | { kind: 'group'; id: string; x: number; y: number };
type Editing = { kind: 'tab' | 'group'; id: string } | null;

const STATUS_RANK = { error: 3, disconnected: 2, connecting: 1, connected: 0 } as const;

/** A tab shows its worst pane: one dead pane in a split is worth seeing from the tab bar. */
function tabStatus(sessions: readonly (SessionInfo | undefined)[]) {
  return sessions
    .map((session) => (session ? effectiveStatus(session) : 'connecting'))
    .reduce((worst, status) => (STATUS_RANK[status] > STATUS_RANK[worst] ? status : worst), 'connected');
}

export function tabLabel(tab: Tab, labelOf: (sessionId: string) => string): string {
  if (tab.title) return tab.title;
  const panes = panesOf(tab.root);
  const first = labelOf(panes[0] ?? tab.focused);
  return panes.length > 1 ? `${first} +${panes.length - 1}` : first;
}

export function TabBar() {
  const { client, commands, terminal, store, settings, run: runs } = useServices();
  const opensAs = useStore(settings, (state) => state.settings?.groupOpensAs ?? 'grid');
  const actions = useActions();
  const workspace = useAppState((state) => state.workspace);
  const sessions = useAppState((state) => state.sessions);
  const broadcast = useAppState((state) => state.broadcast);
  const bells = useStore(terminal.bells, (state) => state.marks);
  const [menu, setMenu] = useState<MenuTarget | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [dropBefore, setDropBefore] = useState<string | null | undefined>(undefined);

  if (workspace.tabs.length === 0) return null;
  const sessionById = new Map(sessions.map((session) => [session.id, session]));
  const labelOf = (id: string) => sessionById.get(id)?.label ?? id;
  const shown = visibleTabs(workspace);
  const targets = new Set(broadcastTargets(broadcast, workspace));

  const focusTab = (id: string | undefined): void => {
    if (id === undefined) return;
    actions.activateTab(id);
    focusTabElement(id);
  };

  const openMenu = (event: MouseEvent | KeyboardEvent, target: Omit<MenuTarget, 'x' | 'y'>): void => {
    event.preventDefault();
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const pointer = 'clientX' in event && (event.clientX !== 0 || event.clientY !== 0);
    setMenu({
      ...target,
      x: pointer ? event.clientX : box.left + 8,
      y: pointer ? event.clientY : box.bottom,
    });
  };

  // The tabs pattern: arrows move between tabs (and show them), Delete closes, F2 renames.
  const onTabKeyDown = (event: KeyboardEvent<HTMLDivElement>, id: string): void => {
    const index = shown.findIndex((tab) => tab.id === id);
    const last = shown.length - 1;
    const targetsByKey: Record<string, number> = {
      ArrowLeft: index - 1,
      ArrowRight: index + 1,
      Home: 0,
      End: last,
    };
    const target = targetsByKey[event.key];
    if (target !== undefined) {
      event.preventDefault();
      focusTab(shown[(target + shown.length) % shown.length]?.id);
    } else if (event.key === 'Delete') {
      event.preventDefault();
      void commands.closeTab(id);
    } else if (event.key === 'F2') {
      event.preventDefault();
      setEditing({ kind: 'tab', id });
    } else if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      openMenu(event, { kind: 'tab', id });
    }
  };

  const onDragStart = (event: DragEvent<HTMLDivElement>, id: string): void => {
    event.dataTransfer.setData(TAB_DRAG_TYPE, id);
    event.dataTransfer.effectAllowed = 'move';
  };
  const onDragOverTab = (event: DragEvent<HTMLDivElement>, id: string): void => {
    if (!event.dataTransfer.types.includes(TAB_DRAG_TYPE)) return;
    event.preventDefault();
    const box = event.currentTarget.getBoundingClientRect();
    const before = event.clientX < box.left + box.width / 2;
    const index = workspace.tabs.findIndex((tab) => tab.id === id);
    const next = before ? id : (workspace.tabs[index + 1]?.id ?? null);
    if (next !== dropBefore) setDropBefore(next);
  };
  const onDropTab = (event: DragEvent<HTMLElement>, groupId?: string): void => {
    const id = event.dataTransfer.getData(TAB_DRAG_TYPE);
    const before = dropBefore;
    setDropBefore(undefined);
    if (!id) return;
    event.preventDefault();
    if (groupId !== undefined) actions.changeWorkspace((ws) => setTabGroup(ws, id, groupId));
    else if (before !== undefined) actions.changeWorkspace((ws) => moveTab(ws, id, before));
  };

  const shareWithAgents = async (sessionId: string, shared: boolean): Promise<void> => {
    try {
      await client.invoke('sessions:shareWithAgents', { sessionId, shared });
    } catch (error) {
      store.getState().notify(`Could not change sharing with agents: ${errorMessage(error)}`);
    }
  };

  const runTabMenu = (itemId: string, tab: Tab): void => {
    const run: Record<string, () => void> = {
      rename: () => setEditing({ kind: 'tab', id: tab.id }),
      duplicate: () => void commands.duplicateTab(tab.id),
      splitRight: () => {
        actions.activateTab(tab.id);
        void commands.splitFocused('row');
      },
      splitDown: () => {
        actions.activateTab(tab.id);
        void commands.splitFocused('column');
      },
      newGroup: () =>
        actions.changeWorkspace((ws) =>
          createGroup(ws, { id: newLayoutId('grp'), name: tabLabel(tab, labelOf), tabIds: [tab.id] }),
        ),
      leaveGroup: () => actions.changeWorkspace((ws) => setTabGroup(ws, tab.id, null)),
      logFolder: () =>
        void openLogFolder(client, tab.focused, {
          clipboard: terminal.clipboard,
          notify: (message) => store.getState().notify(message),
        }),
      shareAgents: () => void shareWithAgents(tab.focused, true),
      unshareAgents: () => void shareWithAgents(tab.focused, false),
      close: () => void commands.closeTab(tab.id),
      closeOthers: () =>
        void commands.closeTabs(
          workspace.tabs.filter((other) => other.id !== tab.id).map((other) => other.id),
        ),
    };
    if (itemId.startsWith('move-to:')) {
      const groupId = itemId.slice('move-to:'.length);
      actions.changeWorkspace((ws) => setTabGroup(ws, tab.id, groupId));
    } else run[itemId]?.();
  };

  const runGroupMenu = (itemId: string, group: Group): void => {
    if (itemId.startsWith('color:')) {
      const color = itemId.slice('color:'.length) as GroupColor;
      actions.changeWorkspace((ws) => updateGroup(ws, group.id, { color }));
      return;
    }
    const run: Record<string, () => void> = {
      rename: () => setEditing({ kind: 'group', id: group.id }),
      broadcast: () =>
        actions.setBroadcast((current) =>
          current?.groupId === group.id ? null : startGroupBroadcast(group.id),
        ),
      collapse: () =>
        actions.changeWorkspace((ws) => updateGroup(ws, group.id, { collapsed: !group.collapsed })),
      opensAs: () => void settings.getState().update({ groupOpensAs: opensAs === 'grid' ? 'tabs' : 'grid' }),
      runCommand: () => {
        // One run per host, however many panes show it.
        const hosts = new Map<string, string>();
        for (const sessionId of groupSessions(store.getState().workspace, group.id)) {
          const session = findSession(sessions, sessionId);
          if (session) hosts.set(session.hostId, session.label);
        }
        runs.commands.openDialog([...hosts.keys()], [...hosts.values()]);
      },
      ungroup: () => actions.changeWorkspace((ws) => ungroup(ws, group.id)),
      close: () =>
        void commands.closeTabs(
          store
            .getState()
            .workspace.tabs.filter((tab) => tab.groupId === group.id)
            .map((tab) => tab.id),
        ),
    };
    run[itemId]?.();
  };

  const renderTab = (tab: Tab): ReactNode => {
    const panes = panesOf(tab.root);
    const paneSessions = panes.map((id) => sessionById.get(id));
    const label = tabLabel(tab, labelOf);
    const active = tab.id === workspace.activeTabId;
    const status = tabStatus(paneSessions);
    const rang = panes.some((id) => bells.has(id));
    const group = workspace.groups.find((candidate) => candidate.id === tab.groupId);
    const broadcasting = panes.some((id) => targets.has(id));
    const agentClients = [...new Set(paneSessions.flatMap((session) => session?.agent?.client ?? []))];
    const sharedWithAgents = paneSessions.some((session) => session?.sharedWithAgents);
    const description = [
      paneSessions.map((session) => (session ? describeStatus(session) : 'connecting')).join('; '),
      panes.length > 1 ? `${panes.length} panes` : null,
      group ? `in group ${group.name}` : null,
      broadcasting ? 'broadcasting' : null,
      agentClients.length > 0 ? `opened by agent ${agentClients.join(', ')}` : null,
      sharedWithAgents ? 'shared with agents' : null,
      rang ? 'bell rang' : null,
    ]
      .filter((part) => part !== null)
      .join(', ');
    const classes = [
      'tab',
      `is-${status}`,
      active ? 'is-active' : '',
      group ? `group-${group.color}` : '',
      dropBefore === tab.id ? 'is-drop-before' : '',
      broadcasting ? 'is-broadcasting' : '',
    ].filter(Boolean);
    return (
      <div key={tab.id} role="presentation" className={classes.join(' ')}>
        {editing?.kind === 'tab' && editing.id === tab.id ? (
          <RenameInput
            label="Tab name"
            initial={tab.title ?? label}
            onDone={(value) => {
              setEditing(null);
              if (value !== null) actions.changeWorkspace((ws) => renameTab(ws, tab.id, value));
              focusTabElement(tab.id);
            }}
          />
        ) : null}
        <div
          role="tab"
          id={tabElementId(tab.id)}
          aria-selected={active}
          aria-controls={WORKSPACE_PANEL_ID}
          aria-label={label}
          aria-description={description}
          tabIndex={active ? 0 : -1}
          hidden={editing?.kind === 'tab' && editing.id === tab.id}
          data-status={status}
          data-bell={rang ? 'true' : undefined}
          data-tab-id={tab.id}
          className="tab-main"
          title={`${label} — ${description}`}
          draggable
          onDragStart={(event) => onDragStart(event, tab.id)}
          onDragOver={(event) => onDragOverTab(event, tab.id)}
          onDragEnd={() => setDropBefore(undefined)}
          onDrop={(event) => onDropTab(event)}
          // A mouse click hands the keyboard to the terminal it shows; only arrow keys focus tabs.
          onMouseDown={(event) => {
            if (event.button !== 0) event.preventDefault();
          }}
          onClick={() => {
            leaveTablist();
            // Showing a tab moves the keyboard into it; clicking the shown one must not strand it.
            if (active) focusPaneOf(tab.focused);
            else actions.activateTab(tab.id);
          }}
          onDoubleClick={() => setEditing({ kind: 'tab', id: tab.id })}
          onAuxClick={(event) => {
            // Middle click closes, as in browsers and every terminal with tabs.
            if (event.button === 1) void commands.closeTab(tab.id);
          }}
          onContextMenu={(event) => openMenu(event, { kind: 'tab', id: tab.id })}
          onKeyDown={(event) => onTabKeyDown(event, tab.id)}
        >
          <StatusDot status={status} />
          <span className="tab-label">{label}</span>
          {agentClients.length > 0 ? (
            <span className="tab-agent" data-testid="agent-badge" title={`Agent: ${agentClients.join(', ')}`}>
              {agentClients.join(', ')}
            </span>
          ) : sharedWithAgents ? (
            <span className="tab-agent is-shared" title="Shared with agents">
              shared
            </span>
          ) : null}
          {broadcasting ? (
            <span className="tab-broadcast" aria-hidden="true">
              B
            </span>
          ) : null}
          {rang ? <BellMark /> : null}
        </div>
        <button
          type="button"
          className="tab-close"
          aria-label={`Close ${label}`}
          title={`Close ${label}`}
          tabIndex={-1}
          onClick={() => void commands.closeTab(tab.id)}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
    );
  };

  const items: ReactNode[] = [];
  const chipsDone = new Set<string>();
  for (const tab of shown) {
    const group = workspace.groups.find((candidate) => candidate.id === tab.groupId);
    if (group && !chipsDone.has(group.id)) {
      chipsDone.add(group.id);
      const count = workspace.tabs.filter((candidate) => candidate.groupId === group.id).length;
      const broadcasting = broadcast?.groupId === group.id;
      const hosts = groupSessions(workspace, group.id).length;
      items.push(
        <div key={`group-${group.id}`} role="presentation" className={`tab-group-chip group-${group.color}`}>
          {editing?.kind === 'group' && editing.id === group.id ? (
            <RenameInput
              label="Group name"
              initial={group.name}
              onDone={(value) => {
                setEditing(null);
                if (value !== null)
                  actions.changeWorkspace((ws) => updateGroup(ws, group.id, { name: value }));
              }}
            />
          ) : (
            <button
              type="button"
              className="tab-group-button"
              aria-label={`Group ${group.name}`}
              aria-expanded={!group.collapsed}
              aria-description={`${count} ${count === 1 ? 'tab' : 'tabs'}, ${hosts} ${hosts === 1 ? 'session' : 'sessions'}${broadcasting ? ', broadcasting' : ''}`}
              data-group-id={group.id}
              title={`${group.name}: click to ${group.collapsed ? 'expand' : 'collapse'}, right-click for more`}
              onClick={() =>
                actions.changeWorkspace((ws) => updateGroup(ws, group.id, { collapsed: !group.collapsed }))
              }
              onContextMenu={(event) => openMenu(event, { kind: 'group', id: group.id })}
              onKeyDown={(event) => {
                if (event.key === 'F2') {
                  event.preventDefault();
                  setEditing({ kind: 'group', id: group.id });
                } else if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey))
                  openMenu(event, { kind: 'group', id: group.id });
              }}
              onDragOver={(event) => {
                if (event.dataTransfer.types.includes(TAB_DRAG_TYPE)) event.preventDefault();
              }}
              onDrop={(event) => onDropTab(event, group.id)}
            >
              {broadcasting ? <span aria-hidden="true">B </span> : null}
              {group.name}
              <span aria-hidden="true"> {group.collapsed ? `(${count}) ▸` : '▾'}</span>
            </button>
          )}
        </div>,
      );
    }
    items.push(renderTab(tab));
  }

  const menuTab = menu?.kind === 'tab' ? workspace.tabs.find((tab) => tab.id === menu.id) : undefined;
  const menuGroup =
    menu?.kind === 'group' ? workspace.groups.find((group) => group.id === menu.id) : undefined;
  const menuEntries = menuTab
    ? tabMenu(menuTab, workspace, findSession(sessions, menuTab.focused))
    : menuGroup
      ? groupMenu(menuGroup, opensAs, broadcast?.groupId === menuGroup.id)
      : null;

  return (
    <>
      <div
        role="tablist"
        aria-label="Sessions"
        className="tab-bar"
        onDragOver={(event) => {
          if (event.target !== event.currentTarget || !event.dataTransfer.types.includes(TAB_DRAG_TYPE))
            return;
          event.preventDefault();
          if (dropBefore !== null) setDropBefore(null);
        }}
        onDrop={(event) => {
          if (event.target === event.currentTarget) onDropTab(event);
        }}
      >
        {items}
      </div>
      {menu && menuEntries ? (
        <Menu
          label={menuTab ? `Tab ${tabLabel(menuTab, labelOf)}` : `Group ${menuGroup?.name ?? ''}`}
          items={menuEntries}
          x={menu.x}
          y={menu.y}
          onSelect={(id) => {
            setMenu(null);
            if (menuTab) runTabMenu(id, menuTab);
            else if (menuGroup) runGroupMenu(id, menuGroup);
          }}
          onClose={() => setMenu(null)}
        />
      ) : null}
    </>
  );
}

function RenameInput({
  label,
  initial,
  onDone,
}: {
  label: string;
  initial: string;
  onDone: (value: string | null) => void;
}) {
  const done = useRef(false);
  const finish = (value: string | null): void => {
    if (done.current) return;
    done.current = true;
    onDone(value);
  };
  return (
    <input
      className="tab-rename"
      aria-label={label}
      defaultValue={initial}
      maxLength={200}
      autoFocus
      onFocus={(event) => event.currentTarget.select()}
      onKeyDown={(event) => {
        if (event.key === 'Enter') finish(event.currentTarget.value);
        else if (event.key === 'Escape') {
          event.stopPropagation();
          finish(null);
        }
      }}
      onBlur={(event) => finish(event.currentTarget.value)}
    />
  );
}

function focusPaneOf(sessionId: string): void {
  document
    .querySelector<HTMLElement>(`.pane[data-session-id="${sessionId}"] .xterm-helper-textarea`)
    ?.focus();
}

function focusTabElement(tabId: string): void {
  document.getElementById(tabElementId(tabId))?.focus();
}

/** TerminalPane does not take focus from someone walking the tabs; a click is not that. */
function leaveTablist(): void {
  const focused = document.activeElement;
  if (focused instanceof HTMLElement && focused.closest('[role="tablist"]')) focused.blur();
}

/** Drawn, not an emoji: headless and minimal systems often have no emoji font. */
function BellMark() {
  return (
    <svg className="tab-bell" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
      <path
        d="M8 1.5a1 1 0 0 1 1 1v.6A4.5 4.5 0 0 1 12.5 7.5v3l1.3 1.6a.5.5 0 0 1-.4.9H2.6a.5.5 0 0 1-.4-.9l1.3-1.6v-3A4.5 4.5 0 0 1 7 3.1v-.6a1 1 0 0 1 1-1ZM6.3 14h3.4a1.7 1.7 0 0 1-3.4 0Z"
        fill="currentColor"
      />
    </svg>
  );
}
