import { useEffect, useRef } from 'react';
import { isDoubleEscape } from '../../stores/workspace/broadcast.logic';

/**
 * Esc Esc stops a broadcast (UX.md) and sends nothing to its targets. The first Escape reaches the terminal,
 * whose input dispatcher holds it while broadcasting (terminal/escapeHold.ts) until this listener has
 * decided; the second, which stops the broadcast, is kept from every pane, and `stop` discards the first.
 */
export function useDoubleEscape(active: () => boolean, stop: () => void): void {
  const last = useRef<number | null>(null);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) {
        last.current = null;
        return;
      }
      if (!active()) return;
      const now = performance.now();
      if (isDoubleEscape(last.current, now)) {
        last.current = null;
        event.preventDefault();
        event.stopPropagation();
        stop();
        return;
      }
      last.current = now;
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [active, stop]);
}
