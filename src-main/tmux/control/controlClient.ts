import type { PipeProcess } from '../../ports';
import { ControlParser } from './controlParser';

export interface ControlReply {
  ok: boolean;
  body: readonly string[];
}

export interface ControlClientEvents {
  output(paneId: string, bytes: Buffer): void;
  /** Once: tmux said %exit, or the process ended. */
  exit(reason: string | undefined): void;
  subscription?(name: string, value: string): void;
}

/**
 * One tmux control-mode client attached to one session. Commands are written one line at a time and
 * tmux answers every command, in order, with one reply marked as this client's.
 */
export class ControlClient {
  /** One entry per reply still owed, oldest first. */
  private readonly waiting: Array<(reply: ControlReply) => void> = [];
  private readonly parser: ControlParser;
  private ended = false;
  /**
   * tmux may read the client's input before the attach it was started with has finished, and then runs
   * the commands with no session ("no current client") and sends no output for what happened meanwhile.
   * So lines wait until tmux says the client is attached.
   */
  private attached = false;
  private readonly unsent: string[] = [];
  private exitReason: string | undefined;

  constructor(
    private readonly process: PipeProcess,
    private readonly events: ControlClientEvents,
  ) {
    this.parser = new ControlParser({
      output: (paneId, bytes) => {
        if (!this.ended) this.events.output(paneId, bytes);
      },
      // Replies to anything but our own input (the attach, hooks) owe us nothing.
      attached: () => {
        if (this.attached) return;
        this.attached = true;
        for (const line of this.unsent.splice(0)) this.process.write(line);
      },
      reply: (ok, body, fromClient) => {
        if (fromClient) this.waiting.shift()?.({ ok, body });
      },
      exit: (reason) => {
        this.exitReason = reason;
      },
      subscription: (name, value) => {
        if (!this.ended) this.events.subscription?.(name, value);
      },
    });
    process.onStdout((chunk) => this.parser.feed(chunk));
    process.onExit(({ error }) => this.end(this.exitReason ?? error));
  }

  /**
   * Sends a command line of `commands` commands. `onReplies` runs synchronously when the last reply
   * is read, before any output that follows it in the stream: what came after can be told apart.
   */
  send(line: string, commands = 1, onReplies?: (replies: ControlReply[]) => void): void {
    if (this.ended) return;
    const replies: ControlReply[] = [];
    for (let i = 0; i < commands; i++) {
      this.waiting.push((reply) => {
        replies.push(reply);
        if (replies.length === commands) onReplies?.(replies);
      });
    }
    this.write(line);
  }

  /** Detaches: the session keeps running in tmux. */
  close(): void {
    this.process.close();
  }

  private write(line: string): void {
    if (/[\n\r]/.test(line) || line.trim() === '') {
      // An empty line detaches the client, and a newline would start a second command.
      throw new Error('A control-mode command must be one non-empty line.');
    }
    if (this.attached) this.process.write(`${line}\n`);
    else this.unsent.push(`${line}\n`);
  }

  private end(reason: string | undefined): void {
    if (this.ended) return;
    this.ended = true;
    this.waiting.length = 0;
    this.events.exit(reason);
  }
}
