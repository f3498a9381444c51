import type { SessionInfo } from '../../../../src-preload/api';
import { describeStatus, effectiveStatus } from '../../terminal/sessionStatus.logic';
import { StatusDot } from '../SessionStatus/StatusDot';

/** A pane's part in a broadcast: receiving, taken out of it, or not part of it. */
export type PaneBroadcastRole = 'target' | 'excluded' | 'none';

interface PaneHeaderProps {
  label: string;
  session: SessionInfo | undefined;
  broadcast: PaneBroadcastRole;
  shared: boolean;
  maximized: boolean;
  onToggleBroadcast: () => void;
  onToggleMaximize: () => void;
  onPopOut: () => void;
  onClose: () => void;
}

const BADGE: Record<PaneBroadcastRole, string> = { target: 'B', excluded: '⊘', none: 'B' };

/**
 * The thin bar over each pane (UX.md): host label, status dot, broadcast badge. The badge is also the
 * one-click switch that puts the pane in or out of the broadcast.
 */
export function PaneHeader(props: PaneHeaderProps) {
  const { label, session, broadcast } = props;
  const status = session ? effectiveStatus(session) : 'connecting';
  const words = session ? describeStatus(session) : 'connecting';
  const broadcastLabel =
    broadcast === 'target'
      ? `Exclude ${label} from broadcast`
      : broadcast === 'excluded'
        ? `Include ${label} in broadcast`
        : `Broadcast to ${label}`;
  return (
    <div className="pane-header" data-status={status}>
      <StatusDot status={status} />
      <span className="pane-label" title={`${label} — ${words}`}>
        {label}
      </span>
      <span className="visually-hidden">{words}</span>
      {session?.agent ? (
        <span className="pane-agent" title={`Opened by the agent ${session.agent.client} (muxdeck mcp)`}>
          {session.agent.client}
        </span>
      ) : null}
      {session?.agent?.doing ? (
        <span className="pane-agent-doing" role="status" title={`agent: ${session.agent.doing}`}>
          agent: {session.agent.doing}
        </span>
      ) : null}
      {broadcast === 'target' && status !== 'connected' ? (
        <span className="pane-skipped">not connected: skipped</span>
      ) : null}
      <button
        type="button"
        className={`pane-badge is-${broadcast}`}
        aria-pressed={broadcast === 'target'}
        aria-label={broadcastLabel}
        title={`${broadcastLabel} (Ctrl+Shift+X)`}
        onClick={props.onToggleBroadcast}
      >
        {BADGE[broadcast]}
      </button>
      {props.shared ? (
        <>
          <button
            type="button"
            className="pane-button"
            aria-label={props.maximized ? `Restore ${label}` : `Maximise ${label}`}
            title={props.maximized ? 'Restore the split' : 'Maximise this pane'}
            onClick={props.onToggleMaximize}
          >
            <span aria-hidden="true">{props.maximized ? '❐' : '□'}</span>
          </button>
          <button
            type="button"
            className="pane-button"
            aria-label={`Pop out ${label}`}
            title="Move this pane to a tab of its own"
            onClick={props.onPopOut}
          >
            <span aria-hidden="true">⇱</span>
          </button>
        </>
      ) : null}
      <button
        type="button"
        className="pane-button"
        aria-label={`Close pane ${label}`}
        title="Close this pane (Ctrl+Shift+W)"
        onClick={props.onClose}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
