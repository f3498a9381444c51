import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { FlowControl } from '../../../src-preload/api';
import { errorMessage } from '../app/errorMessage';
import type { MuxdeckClient } from '../bridge/client';
import { OutputAcknowledger } from './outputAcknowledger';
import type { TerminalOutputRouter } from './terminalOutputRouter';
import { TERMINAL_OPTIONS } from './terminalOptions';
import { clampTerminalSize, type TerminalSize, type TerminalSizeHint } from './terminalSize';
import type { TerminalStatus } from './terminalStatus';

export interface TerminalControllerDeps {
  client: MuxdeckClient;
  router: TerminalOutputRouter;
  sizeHint: TerminalSizeHint;
  sessionId: string;
  onStatus(status: TerminalStatus): void;
}

/** Resizes are sent once the user stops dragging, so tmux and the remote app redraw once, not per frame. */
const RESIZE_SETTLE_MS = 50;

/**
 * One xterm.js terminal attached to one tmux session through a tmux client in the main process.
 * Plain TypeScript on purpose: React only mounts and unmounts it, so re-renders never touch the terminal.
 */
export class TerminalController {
  private readonly term: Terminal;
  private readonly fitAddon = new FitAddon();
  private container: HTMLElement | null = null;
  private resizeObserver: ResizeObserver | null = null;
  private visible = false;
  private opened = false;
  private disposed = false;
  private attaching = false;
  private fitFrame = 0;
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set while attached; null before attach, after the client exited and after dispose. */
  private attachment: { terminalId: string; acknowledger: OutputAcknowledger; release(): void } | null = null;
  private sentSize: TerminalSize | null = null;

  constructor(private readonly deps: TerminalControllerDeps) {
    const size = deps.sizeHint.current();
    this.term = new Terminal({ ...TERMINAL_OPTIONS, cols: size.cols, rows: size.rows });
    this.term.loadAddon(this.fitAddon);
    // Keystrokes go out at once, never batched behind output (ARCHITECTURE.md §6).
    this.term.onData((data) => this.sendInput(data));
    this.term.onResize(() => this.scheduleResizeMessage());
  }

  /**
   * Gives the terminal its place in the page and starts attaching. The attach waits a microtask so that a
   * setVisible(true) from the same React commit has fitted the terminal: it then attaches at its real size.
   */
  mount(container: HTMLElement): void {
    this.container = container;
    this.resizeObserver = new ResizeObserver(() => this.scheduleFit());
    this.resizeObserver.observe(container);
    queueMicrotask(() => {
      if (!this.disposed) void this.attach();
    });
  }

  /**
   * Hidden terminals keep receiving output but are not fitted (they measure 0x0). xterm.js is opened into
   * the page only when first shown: a terminal opened while hidden cannot measure its font.
   */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (!visible || !this.container || this.disposed) return;
    if (!this.opened) {
      this.term.open(this.container);
      this.opened = true;
    }
    this.fit();
  }

  focus(): void {
    this.term.focus();
  }

  /** After the tmux client ended (e.g. detached from elsewhere), attach a new one to the same session. */
  reattach(): void {
    if (this.disposed || this.attaching || this.attachment) return;
    void this.attach();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    cancelAnimationFrame(this.fitFrame);
    clearTimeout(this.resizeTimer);
    this.resizeObserver?.disconnect();
    this.detach();
    this.term.dispose();
  }

  private async attach(): Promise<void> {
    const { client, router, sessionId } = this.deps;
    this.attaching = true;
    this.report({ phase: 'attaching' });
    if (!this.opened) {
      // Never shown yet (a background tab): attach at the size the visible terminal was fitted to.
      const hint = this.deps.sizeHint.current();
      if (hint.cols !== this.term.cols || hint.rows !== this.term.rows)
        this.term.resize(hint.cols, hint.rows);
    }
    const size = { cols: this.term.cols, rows: this.term.rows };
    const attachSettled = router.attachStarted();
    try {
      const { terminalId } = await client.invoke('terminal:attach', { sessionId, ...size });
      if (this.disposed) {
        // Unmounted while attaching (React StrictMode does this on purpose): let the tmux client go.
        client.invoke('terminal:detach', { terminalId }).catch(() => {});
        return;
      }
      const acknowledger = new OutputAcknowledger(FlowControl.ACK_SIZE_CHARS, (chars) => {
        client.invoke('terminal:ack', { terminalId, chars }).catch(() => {});
      });
      const attachment = { terminalId, acknowledger, release: () => {} };
      this.attachment = attachment;
      this.sentSize = size;
      this.report({ phase: 'attached' });
      const release = router.claim(terminalId, {
        output: (data) => this.term.write(data, () => acknowledger.processed(data.length)),
        exit: (exitCode) => this.handleExit(exitCode),
      });
      // claim() replays output that came before the attach answer, possibly including the exit itself.
      if (this.attachment === attachment) attachment.release = release;
      else release();
      // The terminal may have been refitted while the attach was in flight.
      this.scheduleResizeMessage();
    } catch (error) {
      if (!this.disposed) this.report({ phase: 'failed', message: errorMessage(error) });
    } finally {
      this.attaching = false;
      attachSettled();
    }
  }

  private handleExit(exitCode: number): void {
    this.detach({ notifyServer: false });
    if (!this.disposed) this.report({ phase: 'ended', exitCode });
  }

  private detach(options: { notifyServer: boolean } = { notifyServer: true }): void {
    const attachment = this.attachment;
    if (!attachment) return;
    this.attachment = null;
    attachment.acknowledger.stop();
    attachment.release();
    if (options.notifyServer) {
      this.deps.client.invoke('terminal:detach', { terminalId: attachment.terminalId }).catch(() => {});
    }
  }

  private sendInput(data: string): void {
    const attachment = this.attachment;
    if (!attachment) return;
    this.deps.client.invoke('terminal:input', { terminalId: attachment.terminalId, data }).catch((error) => {
      console.warn('Muxdeck: input was not delivered', errorMessage(error));
    });
  }

  private scheduleFit(): void {
    cancelAnimationFrame(this.fitFrame);
    this.fitFrame = requestAnimationFrame(() => this.fit());
  }

  private fit(): void {
    const container = this.container;
    if (this.disposed || !this.visible || !this.opened || !container) return;
    if (container.clientWidth === 0 || container.clientHeight === 0) return;
    const proposed = this.fitAddon.proposeDimensions();
    if (!proposed || !Number.isFinite(proposed.cols) || !Number.isFinite(proposed.rows)) return;
    const size = clampTerminalSize(proposed);
    this.deps.sizeHint.remember(size);
    if (size.cols !== this.term.cols || size.rows !== this.term.rows) this.term.resize(size.cols, size.rows);
  }

  private scheduleResizeMessage(): void {
    clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => this.sendResize(), RESIZE_SETTLE_MS);
  }

  private sendResize(): void {
    const attachment = this.attachment;
    if (!attachment) return;
    const size = { cols: this.term.cols, rows: this.term.rows };
    if (this.sentSize && this.sentSize.cols === size.cols && this.sentSize.rows === size.rows) return;
    this.sentSize = size;
    this.deps.client
      .invoke('terminal:resize', { terminalId: attachment.terminalId, ...size })
      .catch((error) => console.warn('Muxdeck: resize was not delivered', errorMessage(error)));
  }

  private report(status: TerminalStatus): void {
    this.deps.onStatus(status);
  }
}
