import type { Clock } from '../ports';

/**
 * Merges pty output for a few milliseconds before sending it, as VS Code (5 ms,
 * terminalDataBuffering.ts) and Hyper (16 ms / 200 KB) do: one message per burst
 * instead of one per read keeps the transport and the renderer cheap under floods.
 * The first output after a quiet spell (an echo) goes out at once: batching only
 * starts when output keeps coming, so typing never waits for the throttle.
 */
export const OUTPUT_BATCH = {
  /** How long output waits for more output before it is sent. */
  THROTTLE_MS: 5,
  /** Send at once when this much is waiting, so a flood never builds a huge message. */
  MAX_CHARS: 128 * 1024,
} as const;

export class OutputBatcher {
  private pending: string[] = [];
  private pendingChars = 0;
  private timer: { cancel(): void } | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly flushTo: (data: string) => void,
  ) {}

  push(data: string): void {
    this.pending.push(data);
    this.pendingChars += data.length;
    if (this.timer === undefined) {
      // Quiet until now: send this at once, and batch whatever follows for one throttle interval.
      this.send();
      this.timer = this.clock.setTimeout(() => this.endWindow(), OUTPUT_BATCH.THROTTLE_MS);
    } else if (this.pendingChars >= OUTPUT_BATCH.MAX_CHARS) {
      this.send();
    }
  }

  flush(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.send();
  }

  dispose(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.pending = [];
    this.pendingChars = 0;
  }

  /** End of a throttle window: send what gathered; if anything did, keep batching for another. */
  private endWindow(): void {
    this.timer = undefined;
    if (this.pendingChars === 0) return;
    this.send();
    this.timer = this.clock.setTimeout(() => this.endWindow(), OUTPUT_BATCH.THROTTLE_MS);
  }

  private send(): void {
    if (this.pendingChars === 0) return;
    const data = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    this.flushTo(data);
  }
}
