export type TabDigit = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export type ShortcutAction =
  | 'closeTab'
  | 'nextTab'
  | 'previousTab'
  | 'focusSearch'
  | 'duplicateTab'
  | 'splitRight'
  | 'splitDown'
  | 'toggleBroadcast'
  | 'toggleExclude'
  | 'focusLeft'
  | 'focusRight'
  | 'focusUp'
  | 'focusDown'
  | 'toggleSidebar'
  | `tab${TabDigit}`;

export interface KeyChord {
  key: string;
  /** Physical key ("KeyD"): the letter shortcuts work on non-Latin layouts too. */
  code?: string;
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

const ARROWS: Record<string, ShortcutAction> = {
  ArrowLeft: 'focusLeft',
  ArrowRight: 'focusRight',
  ArrowUp: 'focusUp',
  ArrowDown: 'focusDown',
};

/** Ctrl+Shift+<letter>: every one is free in terminals, which is why UX.md puts pane keys there. */
const SHIFTED: Record<string, ShortcutAction> = {
  w: 'closeTab',
  t: 'duplicateTab',
  d: 'splitRight',
  e: 'splitDown',
  b: 'toggleBroadcast',
  x: 'toggleExclude',
};

function letterOf(chord: KeyChord): string {
  if (chord.code?.startsWith('Key')) return chord.code.slice(3).toLowerCase();
  return chord.key.toLowerCase();
}

/**
 * The application-wide shortcuts (UX.md) that work wherever focus is. Everything else, in particular
 * every other Ctrl chord in a terminal, is left to its target.
 */
export function matchShortcut(chord: KeyChord, context: ShortcutContext): ShortcutAction | null {
  const key = chord.key.toLowerCase();
  const primary = context.isMac ? chord.metaKey || chord.ctrlKey : chord.ctrlKey && !chord.metaKey;
  if (chord.altKey) {
    const plainAlt = !chord.ctrlKey && !chord.metaKey && !chord.shiftKey;
    return plainAlt ? (ARROWS[chord.key] ?? null) : null;
  }

  if (key === 'tab' && chord.ctrlKey && !chord.metaKey) return chord.shiftKey ? 'previousTab' : 'nextTab';
  if (primary && chord.shiftKey) {
    const action = SHIFTED[letterOf(chord)];
    if (action) return action;
  }
  // Ctrl+1..9: unused by shells and editors; the digit row by its physical key, so Shift layouts work.
  const digit =
    /^Digit([1-9])$/.exec(chord.code ?? '')?.[1] ?? (/^[1-9]$/.test(chord.key) ? chord.key : null);
  if (primary && !chord.shiftKey && digit !== null) return `tab${Number(digit) as TabDigit}`;
  // Ctrl+F is forward-char in readline and page-down in vim and less: a terminal keeps it.
  if (key === 'f' && primary && !chord.shiftKey && !context.inTerminal) return 'focusSearch';
  // Ctrl+B is tmux's prefix and readline's backward-char: a terminal keeps it too.
  if (letterOf(chord) === 'b' && primary && !chord.shiftKey && !context.inTerminal) return 'toggleSidebar';
  return null;
}
