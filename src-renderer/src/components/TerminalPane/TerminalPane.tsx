import { useEffect, useRef } from 'react';
import { useAppState, useServices } from '../../app/AppServices';
import { describeSessionState, findSession } from '../../stores/sessions.logic';
import { TerminalController } from '../../terminal/terminalController';
import type { TerminalStatus } from '../../terminal/terminalStatus';
import { panelElementId, tabElementId } from '../TabBar/tabIds';
import './TerminalPane.css';

interface TerminalPaneProps {
  sessionId: string;
  label: string;
  active: boolean;
}

export function TerminalPane({ sessionId, label, active }: TerminalPaneProps) {
  const { client, store, terminalRouter, sizeHint } = useServices();
  const status = useAppState((state) => state.terminals[sessionId]);
  const session = useAppState((state) => findSession(state.sessions, sessionId));
  const hostRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<TerminalController | null>(null);

  // The controller lives exactly as long as the pane is mounted; React never re-renders the terminal.
  useEffect(() => {
    const container = hostRef.current;
    if (!container) return;
    const controller = new TerminalController({
      client,
      router: terminalRouter,
      sizeHint,
      sessionId,
      onStatus: (next) => store.getState().setTerminalStatus(sessionId, next),
    });
    controller.mount(container);
    controllerRef.current = controller;
    return () => {
      controllerRef.current = null;
      controller.dispose();
    };
  }, [client, store, terminalRouter, sizeHint, sessionId]);

  useEffect(() => {
    const controller = controllerRef.current;
    if (!controller) return;
    controller.setVisible(active);
    // A shown terminal takes the keyboard, unless the user is walking the tabs with arrow keys.
    if (active && !document.activeElement?.closest('[role="tablist"]')) controller.focus();
    // The controller's dependencies are listed so a recreated controller is shown (or hidden) too.
  }, [active, client, store, terminalRouter, sizeHint, sessionId]);

  return (
    <div
      role="tabpanel"
      id={panelElementId(sessionId)}
      aria-labelledby={tabElementId(sessionId)}
      className="tab-panel"
      hidden={!active}
    >
      <div role="region" aria-label={`Terminal ${label}`} className="terminal-region">
        <div ref={hostRef} className="terminal-host" />
        <TerminalNotice
          status={status}
          sessionState={session ? describeSessionState(session) : undefined}
          exited={session?.state === 'exited'}
          onReattach={() => controllerRef.current?.reattach()}
        />
      </div>
    </div>
  );
}

interface TerminalNoticeProps {
  status: TerminalStatus | undefined;
  sessionState: string | undefined;
  exited: boolean;
  onReattach: () => void;
}

/** A strip over the terminal's bottom edge: it explains, the last screen stays readable above it. */
function TerminalNotice({ status, sessionState, exited, onReattach }: TerminalNoticeProps) {
  if (status?.phase === 'failed') {
    return (
      <div className="terminal-notice is-error" role="alert">
        <span>Could not attach to the session: {status.message}</span>
        <button type="button" onClick={onReattach}>
          Retry
        </button>
      </div>
    );
  }
  if (status?.phase === 'ended') {
    return (
      <div className="terminal-notice" role="status">
        <span>
          Terminal client ended (exit code {status.exitCode}). The session may still be running in tmux.
        </span>
        <button type="button" onClick={onReattach}>
          Reattach
        </button>
      </div>
    );
  }
  if (exited) {
    return (
      <div className="terminal-notice" role="status">
        <span>Connection closed: session {sessionState}.</span>
      </div>
    );
  }
  return null;
}
