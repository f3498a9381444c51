import type { TerminalStatus } from '../../terminal/terminalStatus';

interface TerminalNoticeProps {
  status: TerminalStatus | undefined;
  onReattach: () => void;
}

/**
 * A strip over the terminal's bottom edge about the tmux client behind this window (not the connection:
 * that is the reconnect overlay's job). The last screen stays readable above it.
 */
export function TerminalNotice({ status, onReattach }: TerminalNoticeProps) {
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
  return null;
}
