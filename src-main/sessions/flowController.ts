import { FlowControl } from '../../src-preload/api';

/**
 * Keeps unacknowledged output bounded: above the high watermark the source is paused (a direct
 * session's pty stops being read; a tmux view holds, then re-shows the pane: see controlTerminal),
 * below the low watermark it resumes.
 * The renderer acknowledges what xterm.js has actually drawn.
 */
export class FlowController {
  private unacknowledged = 0;
  private paused = false;

  constructor(private readonly pty: { pause(): void; resume(): void }) {}

  sent(chars: number): void {
    this.unacknowledged += chars;
    if (!this.paused && this.unacknowledged > FlowControl.HIGH_WATERMARK_CHARS) {
      this.paused = true;
      this.pty.pause();
    }
  }

  acknowledged(chars: number): void {
    this.unacknowledged = Math.max(0, this.unacknowledged - chars);
    if (this.paused && this.unacknowledged < FlowControl.LOW_WATERMARK_CHARS) {
      this.paused = false;
      this.pty.resume();
    }
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get inFlight(): number {
    return this.unacknowledged;
  }
}
