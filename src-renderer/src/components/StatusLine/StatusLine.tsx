import { useMemo } from 'react';
import { useAppState } from '../../app/AppServices';
import type { ConnectionState } from '../../bridge/transport';
import { normalizeQuery, sourcesSummary } from '../../stores/hosts.logic';
import { describeSessionState, findSession } from '../../stores/sessions.logic';
import { buildHostTree } from '../../stores/tree.logic';
import './StatusLine.css';

const CONNECTION_TEXT: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  disconnected: 'Disconnected',
};

export function StatusLine() {
  const hosts = useAppState((state) => state.hosts);
  const query = useAppState((state) => state.tree.query);
  const connection = useAppState((state) => state.connection);
  const session = useAppState((state) => findSession(state.sessions, state.tabs.activeId));

  const shownHosts = useMemo(
    () => buildHostTree(hosts.sources, hosts.hosts, query).reduce((sum, root) => sum + root.hostCount, 0),
    [hosts, query],
  );
  const total = hosts.hosts.length;
  const hostsText = !hosts.loaded
    ? 'Loading hosts…'
    : normalizeQuery(query) !== ''
      ? `${shownHosts} of ${total} hosts`
      : `${total} ${total === 1 ? 'host' : 'hosts'}`;

  return (
    <footer className="status-line" aria-label="Status">
      <span className="status-item">{hostsText}</span>
      {hosts.loaded && hosts.sources.length > 0 ? (
        <span className="status-item">{sourcesSummary(hosts.sources)}</span>
      ) : null}
      <span className="status-item status-session">
        {session ? `${session.label}: ${describeSessionState(session)}` : 'No session'}
      </span>
      <span className={`status-item status-connection is-${connection}`}>{CONNECTION_TEXT[connection]}</span>
    </footer>
  );
}
