import type { Terminal } from '@xterm/xterm';

/**
 * Copies the selection when the user finishes making it (mouse released), as X terminals do. Not on every
 * selection change: a drag would otherwise push dozens of half-selections into clipboard managers.
 */
export class CopyOnSelect {
  private pointerDown = false;
  private pending = false;
  private lastCopied = '';
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly term: Terminal,
    private readonly enabled: () => boolean,
    private readonly copy: (text: string) => void,
  ) {
    const selection = term.onSelectionChange(() => this.selectionChanged());
    this.unsubscribe.push(() => selection.dispose());
  }

  /** Call once the terminal is open: the pointer is tracked on its element. */
  attach(element: HTMLElement): void {
    const down = (): void => {
      this.pointerDown = true;
    };
    const up = (): void => {
      this.pointerDown = false;
      if (this.pending) this.copyNow();
    };
    element.addEventListener('pointerdown', down, { capture: true });
    // On the window: the button may be released outside the terminal at the end of a drag.
    window.addEventListener('pointerup', up, { capture: true });
    this.unsubscribe.push(() => {
      element.removeEventListener('pointerdown', down, { capture: true });
      window.removeEventListener('pointerup', up, { capture: true });
    });
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
  }

  private selectionChanged(): void {
    if (!this.term.hasSelection()) {
      this.pending = false;
      this.lastCopied = '';
      return;
    }
    if (this.pointerDown) this.pending = true;
    else this.copyNow();
  }

  private copyNow(): void {
    this.pending = false;
    if (!this.enabled() || !this.term.hasSelection()) return;
    const text = this.term.getSelection();
    if (text === '' || text === this.lastCopied) return;
    this.lastCopied = text;
    this.copy(text);
  }
}
