import { useEffect } from 'react';
import { matchShortcut, type ShortcutAction } from './shortcuts.logic';

const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/**
 * Application shortcuts, caught in the capture phase so they work from inside a terminal too: xterm.js
 * never sees a chord that matched (and so never sends it to the remote host). All other keys pass.
 */
export function useGlobalShortcuts(run: (action: ShortcutAction) => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const inTerminal = event.target instanceof Element && event.target.closest('.xterm') !== null;
      const action = matchShortcut(event, { inTerminal, isMac: IS_MAC });
      if (!action) return;
      event.preventDefault();
      event.stopPropagation();
      run(action);
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [run]);
}
