import { DOUBLE_ESCAPE_MS } from '../stores/workspace/broadcast.logic';

/** A lone Escape keystroke, as xterm.js reports it (Alt+key is ESC plus the key, in one piece). */
export const ESCAPE = '\x1b';

/**
 * How long a broadcast Escape waits before it is sent: longer than the Esc Esc window, so the gesture is
 * always decided (by the window-wide key listener, see useDoubleEscape) before the Escape could leave.
 */
export const ESCAPE_HOLD_MS = DOUBLE_ESCAPE_MS + 150;

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const browserTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Holds the first Escape typed into a broadcast (UX.md: stopping a broadcast sends nothing to its targets).
 * Esc Esc stops a broadcast; if the first Escape went out at once, every host would read the key after it
 * as Meta+key. So it waits: the second Escape of the gesture discards it; any other input, or the end of
 * the wait, releases it on its own, before that input and never glued to it. Released after the broadcast
 * stopped (by any means), it is dropped: a stop sends nothing.
 */
export class EscapeHold {
  private held: { sessionId: string; timer: unknown } | null = null;

  constructor(
    /** Sends one Escape from this pane to its targets, if it is still broadcasting. */
    private readonly deliver: (sessionId: string) => void,
    private readonly timers: Timers = browserTimers,
    private readonly holdMs = ESCAPE_HOLD_MS,
  ) {}

  isHolding(): boolean {
    return this.held !== null;
  }

  /**
   * A lone Escape typed into a broadcasting pane. One already held is released first: a second Escape only
   * gets here when it was not the gesture (it came after the Esc Esc window).
   */
  hold(sessionId: string): void {
    this.release();
    const timer = this.timers.set(() => this.release(), this.holdMs);
    this.held = { sessionId, timer };
  }

  /** Sends the held Escape now, alone (before whatever input comes next). */
  release(): void {
    const held = this.take();
    if (held) this.deliver(held.sessionId);
  }

  /** The Esc Esc gesture (or any stop) happened: the held Escape is not sent anywhere. */
  discard(): void {
    this.take();
  }

  private take(): { sessionId: string } | null {
    const held = this.held;
    if (!held) return null;
    this.held = null;
    this.timers.clear(held.timer);
    return held;
  }
}
