import { useAppState } from '../../app/AppServices';
import './ConnectionBanner.css';

/** Serve mode only: the page outlived the server, and nothing will work until it is reloaded. */
export function ConnectionBanner() {
  const connection = useAppState((state) => state.connection);
  if (connection !== 'disconnected') return null;
  return (
    <div role="alert" className="connection-banner">
      <p className="connection-banner-title">Disconnected from Muxdeck</p>
      <p className="connection-banner-detail">
        The Muxdeck server stopped or the connection dropped. Your sessions keep running in tmux: restart the
        server, then reload this page.
      </p>
      <button type="button" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}
