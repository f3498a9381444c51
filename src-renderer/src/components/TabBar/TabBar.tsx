import { useRef, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { SessionInfo } from '../../../../src-preload/api';
import { useActions, useAppState, useServices } from '../../app/AppServices';
import { describeStatus, effectiveStatus } from '../../terminal/sessionStatus.logic';
import { StatusDot } from '../SessionStatus/StatusDot';
import { panelElementId, tabElementId } from './tabIds';
import './TabBar.css';

export function TabBar() {
  const { commands, terminal } = useServices();
  const actions = useActions();
  const tabs = useAppState((state) => state.tabs);
  const sessions = useAppState((state) => state.sessions);
  const bells = useStore(terminal.bells, (state) => state.marks);
  const tabElements = useRef(new Map<string, HTMLElement>());

  if (tabs.order.length === 0) return null;
  const sessionById = new Map(sessions.map((session) => [session.id, session]));

  const activateAndFocus = (id: string | undefined): void => {
    if (id === undefined) return;
    actions.activateTab(id);
    tabElements.current.get(id)?.focus();
  };

  // The tabs pattern: arrows move between tabs (and show them), Delete closes the focused one.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, id: string): void => {
    const index = tabs.order.indexOf(id);
    const last = tabs.order.length - 1;
    const targets: Record<string, number> = {
      ArrowLeft: index - 1,
      ArrowRight: index + 1,
      Home: 0,
      End: last,
    };
    const target = targets[event.key];
    if (target !== undefined) {
      event.preventDefault();
      activateAndFocus(tabs.order[(target + tabs.order.length) % tabs.order.length]);
    } else if (event.key === 'Delete') {
      event.preventDefault();
      void commands.closeSession(id);
    }
  };

  return (
    <div role="tablist" aria-label="Sessions" className="tab-bar">
      {tabs.order.map((id) => {
        const session = sessionById.get(id);
        const label = session?.label ?? id;
        const active = id === tabs.activeId;
        const status = session ? effectiveStatus(session) : 'connecting';
        const rang = bells.has(id);
        const description = [session ? describeStatus(session) : 'connecting', rang ? 'bell rang' : null]
          .filter((part) => part !== null)
          .join(', ');
        return (
          <div key={id} role="presentation" className={`tab is-${status}${active ? ' is-active' : ''}`}>
            <div
              ref={(element) => {
                if (element) tabElements.current.set(id, element);
                else tabElements.current.delete(id);
              }}
              role="tab"
              id={tabElementId(id)}
              aria-selected={active}
              aria-controls={panelElementId(id)}
              aria-label={label}
              aria-description={description}
              tabIndex={active ? 0 : -1}
              data-session-state={session?.state}
              data-status={status}
              data-bell={rang ? 'true' : undefined}
              className="tab-main"
              title={session ? tabTitle(session) : label}
              // A mouse click hands the keyboard to the terminal it shows; only arrow keys focus tabs.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                leaveTablist();
                actions.activateTab(id);
              }}
              onAuxClick={(event) => {
                // Middle click closes, as in browsers and every terminal with tabs.
                if (event.button === 1) void commands.closeSession(id);
              }}
              onKeyDown={(event) => onKeyDown(event, id)}
            >
              <StatusDot status={status} />
              <span className="tab-label">{label}</span>
              {rang ? <BellMark /> : null}
            </div>
            <button
              type="button"
              className="tab-close"
              aria-label={`Close ${label}`}
              title={`Close ${label} (Ctrl+Shift+W)`}
              tabIndex={-1}
              onClick={() => void commands.closeSession(id)}
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
        );
      })}
    </div>
  );
}

/** TerminalPane does not take focus from someone walking the tabs; a click is not that. */
function leaveTablist(): void {
  const focused = document.activeElement;
  if (focused instanceof HTMLElement && focused.closest('[role="tablist"]')) focused.blur();
}

function tabTitle(session: SessionInfo): string {
  return `${session.label} — ${describeStatus(session)}`;
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
