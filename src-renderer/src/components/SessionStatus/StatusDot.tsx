import type { ConnectionStatus } from '../../../../src-preload/api';
import './StatusDot.css';

/** The coloured dot on tabs and pane headers. Decorative: the status is also given in words by its owner. */
export function StatusDot({ status }: { status: ConnectionStatus }) {
  return <span className={`status-dot is-${status}`} aria-hidden="true" />;
}
