import type { EventName, EventPayload } from '../../../src-preload/api';

export interface TerminalSink {
  output(data: string): void;
  exit(exitCode: number): void;
}

interface EventSource {
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
}

type Early = { kind: 'output'; data: string } | { kind: 'exit'; exitCode: number };

/** Far above what flow control lets through before the first ack; only a misbehaving server reaches it. */
const MAX_EARLY_CHARS = 8_000_000;

/**
 * Routes terminal:data and terminal:exit to the terminal that owns each terminal id.
 *
 * A terminal learns its id only when terminal:attach answers, but the server may start streaming (the
 * initial screen) before that answer arrives. So while any attach is in flight, output for ids nobody has
 * claimed yet is kept and handed over on claim; once no attach is pending, unclaimed output is dropped.
 */
export class TerminalOutputRouter {
  private readonly sinks = new Map<string, TerminalSink>();
  private readonly early = new Map<string, Early[]>();
  private earlyChars = 0;
  private pendingAttaches = 0;
  private readonly unsubscribe: Array<() => void>;

  constructor(events: EventSource) {
    this.unsubscribe = [
      events.on('terminal:data', ({ terminalId, data }) => this.route(terminalId, { kind: 'output', data })),
      events.on('terminal:exit', ({ terminalId, exitCode }) =>
        this.route(terminalId, { kind: 'exit', exitCode }),
      ),
    ];
  }

  /** Call before sending terminal:attach; call the returned function once it has settled (and claimed). */
  attachStarted(): () => void {
    this.pendingAttaches++;
    let finished = false;
    return () => {
      if (finished) return;
      finished = true;
      this.pendingAttaches--;
      if (this.pendingAttaches === 0) this.dropEarly();
    };
  }

  /** Delivers everything for terminalId to sink, starting with what arrived before the claim. */
  claim(terminalId: string, sink: TerminalSink): () => void {
    this.sinks.set(terminalId, sink);
    const early = this.early.get(terminalId) ?? [];
    this.early.delete(terminalId);
    for (const item of early) {
      if (item.kind === 'output') this.earlyChars -= item.data.length;
      this.deliver(sink, item);
    }
    return () => {
      if (this.sinks.get(terminalId) === sink) this.sinks.delete(terminalId);
    };
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.sinks.clear();
    this.dropEarly();
  }

  private route(terminalId: string, item: Early): void {
    const sink = this.sinks.get(terminalId);
    if (sink) {
      this.deliver(sink, item);
      return;
    }
    if (this.pendingAttaches === 0) return;
    const size = item.kind === 'output' ? item.data.length : 0;
    if (this.earlyChars + size > MAX_EARLY_CHARS) return;
    this.earlyChars += size;
    const queue = this.early.get(terminalId);
    if (queue) queue.push(item);
    else this.early.set(terminalId, [item]);
  }

  private deliver(sink: TerminalSink, item: Early): void {
    if (item.kind === 'output') sink.output(item.data);
    else sink.exit(item.exitCode);
  }

  private dropEarly(): void {
    this.early.clear();
    this.earlyChars = 0;
  }
}
