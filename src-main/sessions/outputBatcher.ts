import type { Clock } from '../ports';

/**
 * Merges pty output for a few milliseconds before sending it, as VS Code (5 ms,
 * terminalDataBuffering.ts) and Hyper (16 ms / 200 KB) do: one message per burst
 * instead of one per read keeps the transport and the renderer cheap under floods,
 * while a single echo still goes out within one throttle interval.
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
    if (this.pendingChars >= OUTPUT_BATCH.MAX_CHARS) this.flush();
    else this.timer ??= this.clock.setTimeout(() => this.flush(), OUTPUT_BATCH.THROTTLE_MS);
  }

  flush(): void {
    this.timer?.cancel();
    this.timer = undefined;
    if (this.pendingChars === 0) return;
    const data = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    this.flushTo(data);
  }

  dispose(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.pending = [];
    this.pendingChars = 0;
  }
}
