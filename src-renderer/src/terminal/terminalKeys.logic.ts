/** What a key chord in a focused terminal means to Muxdeck rather than to the remote program. */
export type TerminalKeyAction = 'copy' | 'paste' | 'find' | 'zoomIn' | 'zoomOut' | 'zoomReset';

export interface TerminalKeyChord {
  key: string;
  /** Physical key ("KeyC"): lets the letter shortcuts work on non-Latin layouts. */
  code?: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

function letter(chord: TerminalKeyChord, name: string): boolean {
  return chord.key.toLowerCase() === name || chord.code === `Key${name.toUpperCase()}`;
}

function zoomAction(chord: TerminalKeyChord): TerminalKeyAction | null {
  // Ctrl+Shift+- is Ctrl+_ (readline's undo): only the unshifted minus zooms out.
  if (chord.key === '=' || chord.key === '+' || chord.code === 'NumpadAdd') return 'zoomIn';
  if ((chord.key === '-' && !chord.shiftKey) || chord.code === 'NumpadSubtract') return 'zoomOut';
  if (chord.key === '0' && !chord.shiftKey) return 'zoomReset';
  return null;
}

/**
 * The terminal's own shortcuts (UX.md). Every chord not listed goes to the remote program untouched: plain
 * Ctrl+C (interrupt), Ctrl+F (forward-char, less/vim page down), Ctrl+V (quoted insert), Ctrl+W, Ctrl+Z...
 * On Linux and Windows the copy/paste/find chords add Shift for that reason; on macOS they use Cmd, which
 * never reaches a remote program anyway.
 */
export function matchTerminalKey(chord: TerminalKeyChord, isMac: boolean): TerminalKeyAction | null {
  if (chord.altKey) return null;
  if (isMac) {
    if (!chord.metaKey || chord.ctrlKey) return null;
    if (!chord.shiftKey && letter(chord, 'c')) return 'copy';
    if (!chord.shiftKey && letter(chord, 'v')) return 'paste';
    if (letter(chord, 'f')) return 'find';
    return zoomAction(chord);
  }
  if (!chord.ctrlKey || chord.metaKey) return null;
  if (chord.shiftKey && letter(chord, 'c')) return 'copy';
  if (chord.shiftKey && letter(chord, 'v')) return 'paste';
  if (chord.shiftKey && letter(chord, 'f')) return 'find';
  return zoomAction(chord);
}

/** How the shortcut reads in menus and tooltips on this platform. */
export function describeTerminalKey(action: TerminalKeyAction, isMac: boolean): string {
  const mod = isMac ? '⌘' : 'Ctrl+';
  const shifted = isMac ? '⌘' : 'Ctrl+Shift+';
  const labels: Record<TerminalKeyAction, string> = {
    copy: `${shifted}C`,
    paste: `${shifted}V`,
    find: `${shifted}F`,
    zoomIn: `${mod}=`,
    zoomOut: `${mod}-`,
    zoomReset: `${mod}0`,
  };
  return labels[action];
}
