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
        The Muxdeck server stopped, the connection dropped, or this page was opened without its access token.
        Your sessions keep running in tmux: reload this page, or restart the server and open the URL it
        prints.
      </p>
      <button type="button" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}
