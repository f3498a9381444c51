export type ShortcutAction = 'closeTab' | 'nextTab' | 'previousTab' | 'focusSearch';

export interface KeyChord {
  key: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export interface ShortcutContext {
  /** Focus is inside a terminal: its keys belong to the remote shell unless listed here. */
  inTerminal: boolean;
  /** On macOS, Cmd stands in for Ctrl where the OS expects it (UX.md). */
  isMac: boolean;
}

/**
 * The application-wide shortcuts (UX.md) that work wherever focus is. Everything else, in particular
 * every other Ctrl chord in a terminal, is left to its target.
 */
export function matchShortcut(chord: KeyChord, context: ShortcutContext): ShortcutAction | null {
  const key = chord.key.toLowerCase();
  const primary = context.isMac ? chord.metaKey || chord.ctrlKey : chord.ctrlKey && !chord.metaKey;
  if (chord.altKey) return null;

  if (key === 'tab' && chord.ctrlKey && !chord.metaKey) return chord.shiftKey ? 'previousTab' : 'nextTab';
  if (key === 'w' && primary && chord.shiftKey) return 'closeTab';
  // Ctrl+F is forward-char in readline and page-down in vim and less: a terminal keeps it.
  if (key === 'f' && primary && !chord.shiftKey && !context.inTerminal) return 'focusSearch';
  return null;
}
