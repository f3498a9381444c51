import type { KeyboardEvent, Ref } from 'react';
import type { SessionInfo } from '../../../../src-preload/api';
import { reconnectOverlay } from '../../terminal/sessionStatus.logic';
import { useNow } from '../SessionStatus/useNow';
import './ReconnectOverlay.css';

interface ReconnectOverlayProps {
  session: SessionInfo;
  /** A reconnect request is in flight: the button says so and does not send another. */
  busy: boolean;
  onReconnect: () => void;
  onClose: () => void;
  ref?: Ref<HTMLDivElement>;
}

/**
 * Says why a pane's connection is gone and what Muxdeck does about it, over the pane's last screen (which
 * stays readable around it). Enter or R reconnects while it has focus (UX.md).
 */
export function ReconnectOverlay({ session, busy, onReconnect, onClose, ref }: ReconnectOverlayProps) {
  const countingDown = session.reconnect?.nextAt !== undefined;
  const now = useNow(1000, countingDown);
  const model = reconnectOverlay(session, now);
  if (!model) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    // Enter on a focused button is that button's own click.
    const onButton = event.target instanceof HTMLButtonElement;
    if ((event.key === 'Enter' && !onButton) || event.key.toLowerCase() === 'r') {
      event.preventDefault();
      if (!busy) onReconnect();
    }
  };

  const titleId = `reconnect-title-${session.id}`;
  return (
    <div className="reconnect-overlay-backdrop">
      <div
        ref={ref}
        className={`reconnect-overlay is-${model.tone}`}
        role={model.tone === 'error' ? 'alert' : 'status'}
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid="reconnect-overlay"
      >
        <p id={titleId} className="reconnect-title">
          {model.title}
          <span className="reconnect-host"> — {session.label}</span>
        </p>
        {model.reason ? <p className="reconnect-reason">{model.reason}</p> : null}
        <p className="reconnect-retry">{model.retry}</p>
        <div className="reconnect-actions">
          <button type="button" className="reconnect-primary" onClick={onReconnect} disabled={busy}>
            {busy ? 'Reconnecting…' : 'Reconnect'}
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
          <span className="reconnect-hint" aria-hidden="true">
            Enter or R to reconnect
          </span>
        </div>
      </div>
    </div>
  );
}
