/**
 * Counts output that xterm.js has finished processing and acknowledges it to the main process in whole
 * multiples of the ack size, as VS Code does. The remainder is always below the low watermark, so the
 * pty is never left paused waiting for an ack that will not come.
 */
export class OutputAcknowledger {
  private unacknowledged = 0;
  private stopped = false;

  constructor(
    private readonly ackSize: number,
    private readonly sendAck: (chars: number) => void,
  ) {}

  /** Called from xterm's write callback with the length of the chunk it has processed. */
  processed(chars: number): void {
    if (this.stopped) return;
    this.unacknowledged += chars;
    if (this.unacknowledged < this.ackSize) return;
    const acknowledged = this.unacknowledged - (this.unacknowledged % this.ackSize);
    this.unacknowledged -= acknowledged;
    this.sendAck(acknowledged);
  }

  /** After detach the terminal id is gone; late write callbacks must not ack it. */
  stop(): void {
    this.stopped = true;
  }
}
