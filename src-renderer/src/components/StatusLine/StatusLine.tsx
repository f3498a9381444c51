import { useAppState } from '../../app/AppServices';
import type { ConnectionState } from '../../bridge/transport';
import { sourcesSummary } from '../../stores/hosts.logic';
import { FocusedSessionStatus } from '../SessionStatus/FocusedSessionStatus';
import { TreeStatus } from '../TreeStatus/TreeStatus';
import './StatusLine.css';

const CONNECTION_TEXT: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  disconnected: 'Disconnected',
};

export function StatusLine() {
  const hosts = useAppState((state) => state.hosts);
  const connection = useAppState((state) => state.connection);

  return (
    <footer className="status-line" aria-label="Status">
      <TreeStatus className="status-item" />
      {hosts.loaded && hosts.sources.length > 0 ? (
        <span className="status-item">{sourcesSummary(hosts.sources)}</span>
      ) : null}
      <FocusedSessionStatus className="status-item status-session" />
      <span className={`status-item status-connection is-${connection}`}>{CONNECTION_TEXT[connection]}</span>
    </footer>
  );
}
