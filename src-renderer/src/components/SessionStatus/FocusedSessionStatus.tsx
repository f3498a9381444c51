import { useAppState } from '../../app/AppServices';
import { selectFocusedSession } from '../../stores/appStore';
import { findSession } from '../../stores/sessions.logic';
import { effectiveStatus, statusLineText } from '../../terminal/sessionStatus.logic';
import { StatusDot } from './StatusDot';
import { useNow } from './useNow';

/**
 * The status line's part about the focused session: "web-01 connected 2h", "db-02 disconnected 12s:
 * Connection refused — retrying 2/3". Its own component so the clock re-renders only this text.
 */
export function FocusedSessionStatus({ className }: { className?: string }) {
  const session = useAppState((state) => findSession(state.sessions, selectFocusedSession(state)));
  const now = useNow(1000, session !== undefined);
  if (!session) return <span className={className}>No session</span>;
  const status = effectiveStatus(session);
  return (
    <span className={`${className ?? ''} focused-session is-${status}`} data-status={status}>
      <StatusDot status={status} />
      {`${session.label} ${statusLineText(session, now)}`}
    </span>
  );
}
