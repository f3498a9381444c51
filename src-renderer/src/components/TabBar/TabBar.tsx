import { useRef, type KeyboardEvent } from 'react';
import type { SessionInfo } from '../../../../src-preload/api';
import { useActions, useAppState, useServices } from '../../app/AppServices';
import { describeSessionState } from '../../stores/sessions.logic';
import { panelElementId, tabElementId } from './tabIds';
import './TabBar.css';

export function TabBar() {
  const { commands } = useServices();
  const actions = useActions();
  const tabs = useAppState((state) => state.tabs);
  const sessions = useAppState((state) => state.sessions);
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
        const exited = session?.state === 'exited';
        return (
          <div
            key={id}
            role="presentation"
            className={`tab${active ? ' is-active' : ''}${exited ? ' is-exited' : ''}`}
          >
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
              aria-description={session ? `Session ${describeSessionState(session)}` : undefined}
              tabIndex={active ? 0 : -1}
              data-session-state={session?.state}
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
              <span className={`tab-dot${exited ? ' is-exited' : ''}`} aria-hidden="true" />
              <span className="tab-label">{label}</span>
              {exited ? (
                <span className="tab-exited" aria-hidden="true">
                  exited
                </span>
              ) : null}
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
  return `${session.label} — ${describeSessionState(session)}`;
}
