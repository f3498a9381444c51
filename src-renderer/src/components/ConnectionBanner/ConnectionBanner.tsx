import { useAppState } from '../../app/AppServices';
import './ConnectionBanner.css';

/**
 * Serve mode only. While the server is away the page says it is reconnecting (it does so by itself when
 * serve comes back on its remembered port); once it gave up, nothing works until the page is reloaded.
 */
export function ConnectionBanner() {
  const connection = useAppState((state) => state.connection);
  if (connection === 'reconnecting') {
    return (
      <div role="status" className="connection-banner connection-banner-reconnecting">
        <p className="connection-banner-title">Reconnecting to Muxdeck…</p>
        <p className="connection-banner-detail">
          The Muxdeck server stopped or the connection dropped. Your sessions keep running in tmux; this page
          reconnects by itself as soon as <code>muxdeck serve</code> is back.
        </p>
      </div>
    );
  }
  if (connection !== 'disconnected') return null;
  return (
    <div role="alert" className="connection-banner">
      <p className="connection-banner-title">Disconnected from Muxdeck</p>
      <p className="connection-banner-detail">
        The Muxdeck server refused this page or cannot be reached: it was started with a new token
        (--rotate-token), on another port, or this page was opened without its access token. Your sessions
        keep running in tmux: restart <code>muxdeck serve</code> if it stopped, and open the URL it prints.
      </p>
      <button type="button" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}
