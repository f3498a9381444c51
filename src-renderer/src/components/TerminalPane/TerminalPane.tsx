import { useCallback, useEffect, useRef, useState, type DragEvent, type MouseEvent } from 'react';
import { useAppState, useServices } from '../../app/AppServices';
import { findSession } from '../../stores/sessions.logic';
import { terminalMenuItems, type TerminalMenuAction } from '../../terminal/contextMenu.logic';
import { openLogFolder } from '../../settings/logFolder';
import { reconnectSession } from '../../terminal/reconnectSession';
import type { RendererChoice } from '../../terminal/rendererChoice.logic';
import { effectiveStatus } from '../../terminal/sessionStatus.logic';
import { TerminalController } from '../../terminal/terminalController';
import { describeTerminalKey } from '../../terminal/terminalKeys.logic';
import type { SearchDirection, SearchResults } from '../../terminal/terminalSearch';
import { themeNameOf } from '../../terminal/terminalSettingsStore';
import { TERMINAL_THEMES } from '../../terminal/terminalThemes';
import { ReconnectOverlay } from '../ReconnectOverlay/ReconnectOverlay';
import type { Rect } from '../../stores/workspace/layout.logic';
import { PaneHeader, type PaneBroadcastRole } from './PaneHeader';
import { useStore } from 'zustand';
import { Menu } from '../Menu/Menu';
import { TerminalFindBar } from '../TerminalFindBar/TerminalFindBar';
import { TerminalSettingsDialog } from '../TerminalSettings/TerminalSettingsDialog';
import { TerminalNotice } from './TerminalNotice';
import './TerminalPane.css';

interface TerminalPaneProps {
  sessionId: string;
  label: string;
  /** Its tab is shown and the pane is not hidden behind a maximised one. */
  visible: boolean;
  /** The pane with the keyboard in its tab. */
  focused: boolean;
  /** Where it sits in the tab, in fractions of the terminal area. */
  rect: Rect;
  /** The tab holds other panes: offer maximise and pop out. */
  shared: boolean;
  maximized: boolean;
  broadcast: PaneBroadcastRole;
  onFocusPane: () => void;
  onToggleBroadcast: () => void;
  onToggleMaximize: () => void;
  onPopOut: () => void;
  /** A tab dragged over the pane: where it would be split in, and the drop. */
  dropZone: 'left' | 'right' | 'top' | 'bottom' | null;
  onDragOverPane: (event: DragEvent<HTMLDivElement>) => void;
  onDragLeavePane: () => void;
  onDropOnPane: (event: DragEvent<HTMLDivElement>) => void;
}

interface MenuState {
  at: { x: number; y: number };
  hasSelection: boolean;
}

export function TerminalPane(props: TerminalPaneProps) {
  const { sessionId, label, visible, focused, rect } = props;
  const active = visible && focused;
  const services = useServices();
  const { client, store, terminalRouter, sizeHint, terminal, commands, input } = services;
  const visibleRef = useRef(visible);
  useEffect(() => {
    visibleRef.current = visible;
  }, [visible]);
  const status = useAppState((state) => state.terminals[sessionId]);
  const session = useAppState((state) => findSession(state.sessions, sessionId));
  const themeName = useStore(terminal.settings, themeNameOf);
  const hostRef = useRef<HTMLDivElement>(null);
  const overlayRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<TerminalController | null>(null);
  const [renderer, setRenderer] = useState<RendererChoice | null>(null);
  const [find, setFind] = useState<{ request: number } | null>(null);
  const [results, setResults] = useState<SearchResults | null>(null);
  const [menu, setMenu] = useState<MenuState | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [reconnecting, setReconnecting] = useState(false);

  const sessionDead = session !== undefined && ['disconnected', 'error'].includes(effectiveStatus(session));

  /** Where the keyboard goes back to after a menu, the find bar or a dialog: the overlay of a dead pane. */
  const focusPane = useCallback(() => {
    if (overlayRef.current) overlayRef.current.focus();
    else controllerRef.current?.focus();
  }, []);

  // The controller lives exactly as long as the pane is mounted; React never re-renders the terminal.
  useEffect(() => {
    const container = hostRef.current;
    if (!container) return;
    const controller = new TerminalController({
      client,
      router: terminalRouter,
      sizeHint,
      sessionId,
      services: terminal,
      events: {
        status: (next) => store.getState().setTerminalStatus(sessionId, next),
        // A bell in a pane on screen is heard already; only a hidden pane keeps the mark.
        bell: () => terminal.bells.getState().rang(sessionId, visibleRef.current ? sessionId : null),
        findRequested: () => setFind((current) => ({ request: (current?.request ?? 0) + 1 })),
        searchResults: setResults,
        renderer: setRenderer,
        problem: (message) => store.getState().notify(message),
      },
      input: input.forSession(sessionId),
    });
    controller.mount(container);
    controllerRef.current = controller;
    return () => {
      controllerRef.current = null;
      controller.dispose();
    };
  }, [client, store, terminalRouter, sizeHint, terminal, sessionId, input]);

  useEffect(() => {
    const controller = controllerRef.current;
    if (!controller) return;
    controller.setVisible(visible);
    if (visible) terminal.bells.getState().shown(sessionId);
    // The controller's dependencies are listed so a recreated controller is shown (or hidden) too.
  }, [visible, client, store, terminalRouter, sizeHint, terminal, sessionId, input]);

  useEffect(() => {
    if (!active) return;
    // The focused pane of the shown tab takes the keyboard, unless the user is in the tab bar or a
    // dialog, or typing in the broadcast bar.
    const focusedElement = document.activeElement;
    if (focusedElement?.closest('[role="tablist"], [role="dialog"], .broadcast-banner')) return;
    if (focusedElement instanceof HTMLElement && hostRef.current?.parentElement?.contains(focusedElement))
      return;
    focusPane();
  }, [active, focusPane, sessionId, input, terminal]);

  // A pane that dies under the user's fingers hands the keyboard to its overlay, and back when it lives.
  useEffect(() => {
    if (!active) return;
    const focused = document.activeElement;
    const inPane = focused === document.body || (focused !== null && hostRef.current?.contains(focused));
    if (sessionDead && inPane) overlayRef.current?.focus();
    if (!sessionDead && (focused === document.body || focused === null)) controllerRef.current?.focus();
  }, [sessionDead, active]);

  const reconnect = useCallback(async () => {
    setReconnecting(true);
    await reconnectSession(client, store, sessionId);
    setReconnecting(false);
    // If the tmux client went away with the connection, follow the session with a new one.
    controllerRef.current?.reattach();
  }, [client, store, sessionId]);

  const closeFind = useCallback(() => {
    controllerRef.current?.clearSearch();
    setFind(null);
    setResults(null);
    focusPane();
  }, [focusPane]);

  const onFind = useCallback((query: string, direction: SearchDirection, incremental: boolean) => {
    if (query === '') setResults(null);
    controllerRef.current?.find(query, direction, incremental);
  }, []);

  // Runs on pointerdown outside the menu too: a click elsewhere still moves focus to what it clicked.
  const closeMenu = useCallback(() => {
    setMenu(null);
    focusPane();
  }, [focusPane]);

  const runMenuAction = (action: TerminalMenuAction): void => {
    const controller = controllerRef.current;
    setMenu(null);
    if (!controller) return;
    const zoom = terminal.settings.getState().zoom;
    const actions: Record<TerminalMenuAction, () => void> = {
      copy: () => controller.copySelection(),
      paste: () => controller.paste(),
      selectAll: () => controller.selectAll(),
      find: () => setFind((current) => ({ request: (current?.request ?? 0) + 1 })),
      clearScrollback: () => controller.clearScrollback(),
      zoomIn: () => zoom(1),
      zoomOut: () => zoom(-1),
      zoomReset: () => zoom('reset'),
      settings: () => setSettingsOpen(true),
      logFolder: () =>
        void openLogFolder(client, sessionId, {
          clipboard: terminal.clipboard,
          notify: (message) => store.getState().notify(message),
        }),
      reconnect: () => void reconnect(),
    };
    actions[action]();
    if (action !== 'find' && action !== 'settings' && action !== 'reconnect') focusPane();
  };

  const openMenu = (event: MouseEvent<HTMLDivElement>): void => {
    event.preventDefault();
    const host = hostRef.current?.getBoundingClientRect();
    // The context-menu key reports no pointer position: open at the terminal's corner instead.
    const fromKeyboard = event.clientX === 0 && event.clientY === 0;
    const at =
      fromKeyboard && host ? { x: host.left + 16, y: host.top + 16 } : { x: event.clientX, y: event.clientY };
    setMenu({ at, hasSelection: controllerRef.current?.hasSelection() ?? false });
  };

  const menuItems = menu
    ? terminalMenuItems({
        hasSelection: menu.hasSelection,
        canReconnect: sessionDead,
        hasLog: session?.logFile !== undefined,
        isMac: terminal.isMac,
      })
    : null;
  const theme = TERMINAL_THEMES[themeName];
  const classes = ['pane', focused ? 'is-focused' : '', `is-broadcast-${props.broadcast}`].filter(Boolean);
  return (
    <div
      className={classes.join(' ')}
      data-session-id={sessionId}
      hidden={!visible}
      style={{
        background: theme.background,
        left: `${rect.x * 100}%`,
        top: `${rect.y * 100}%`,
        width: `${rect.w * 100}%`,
        height: `${rect.h * 100}%`,
      }}
      onFocusCapture={() => {
        if (!focused) props.onFocusPane();
      }}
      onMouseDownCapture={() => {
        if (!focused) props.onFocusPane();
      }}
      onDragOver={props.onDragOverPane}
      onDragLeave={props.onDragLeavePane}
      onDrop={props.onDropOnPane}
    >
      <PaneHeader
        label={label}
        session={session}
        broadcast={props.broadcast}
        shared={props.shared}
        maximized={props.maximized}
        onToggleBroadcast={props.onToggleBroadcast}
        onToggleMaximize={props.onToggleMaximize}
        onPopOut={props.onPopOut}
        onClose={() => void commands.closePane(sessionId)}
      />
      <div role="region" aria-label={`Terminal ${label}`} className="terminal-region">
        <div
          ref={hostRef}
          className="terminal-host"
          data-renderer={renderer?.kind}
          data-renderer-reason={renderer?.reason}
          onContextMenu={openMenu}
        />
        {find ? (
          <TerminalFindBar
            results={results}
            focusRequest={find.request}
            findShortcut={describeTerminalKey('find', terminal.isMac)}
            onFind={onFind}
            onClose={closeFind}
          />
        ) : null}
        {session && sessionDead ? (
          <ReconnectOverlay
            ref={overlayRef}
            session={session}
            busy={reconnecting}
            onReconnect={() => void reconnect()}
            onClose={() => void commands.closeSession(sessionId)}
          />
        ) : null}
        <TerminalNotice status={status} onReattach={() => controllerRef.current?.reattach()} />
        {props.dropZone ? <div className={`pane-drop is-${props.dropZone}`} aria-hidden="true" /> : null}
      </div>
      {menuItems && menu ? (
        <Menu
          label={`Terminal ${label}`}
          items={menuItems}
          x={menu.at.x}
          y={menu.at.y}
          onSelect={(id) => {
            const item = menuItems.find((entry) => entry.id === id);
            if (item) runMenuAction(item.id);
          }}
          onClose={closeMenu}
        />
      ) : null}
      {settingsOpen ? (
        <TerminalSettingsDialog
          store={terminal.settings}
          isMac={terminal.isMac}
          onClose={() => {
            setSettingsOpen(false);
            focusPane();
          }}
        />
      ) : null}
    </div>
  );
}
