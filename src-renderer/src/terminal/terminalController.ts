import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { FlowControl } from '../../../src-preload/api';
import { errorMessage } from '../app/errorMessage';
import type { MuxdeckClient } from '../bridge/client';
import { CopyOnSelect } from './copyOnSelect';
import { OutputAcknowledger } from './outputAcknowledger';
import type { TerminalEvents } from './terminalEvents';
import { matchTerminalKey, type TerminalKeyAction } from './terminalKeys.logic';
import { loadWebLinks, terminalLinkHandler } from './terminalLinks';
import type { TerminalOutputRouter } from './terminalOutputRouter';
import { settingsOptions, TERMINAL_OPTIONS } from './terminalOptions';
import { TerminalSearch, type SearchDirection } from './terminalSearch';
import type { TerminalServices } from './terminalServices';
import { themeNameOf, type TerminalAppearanceState } from './terminalSettingsStore';
import { clampTerminalSize, type TerminalSize, type TerminalSizeHint } from './terminalSize';
import type { TerminalStatus } from './terminalStatus';
import { keystrokeForTmuxPane } from './tmuxKeys.logic';
import { ignoreTerminalQueries } from './upstreamQueries';
import { WebglRenderer } from './webglRenderer';

export interface TerminalControllerDeps {
  client: MuxdeckClient;
  router: TerminalOutputRouter;
  sizeHint: TerminalSizeHint;
  sessionId: string;
  services: TerminalServices;
  events: TerminalEvents;
  /** Where typed and pasted input goes: this terminal alone, or every broadcast target. */
  input: TerminalInput;
}

/** The pane's side of the input dispatcher (terminal/inputDispatcher.ts), bound to its session. */
export interface TerminalInput {
  attached(terminalId: string | null): void;
  send(data: string): void;
  /** Runs `deliver` unless the user declines the paste (broadcast pastes are confirmed first). */
  paste(text: string, deliver: () => void): void;
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
  private readonly search: TerminalSearch;
  private readonly renderer: WebglRenderer;
  private readonly copyOnSelect: CopyOnSelect;
  private readonly stopSettings: () => void;
  private readonly onPasteEvent = (event: ClipboardEvent): void => this.interceptPaste(event);
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
  /** Set while the session runs under tmux, which answers the program's queries (upstreamQueries.ts). */
  private queryFilter: { dispose(): void } | null = null;

  constructor(private readonly deps: TerminalControllerDeps) {
    const size = deps.sizeHint.current();
    const { services, events } = deps;
    const appearance = services.settings.getState();
    this.term = new Terminal({
      ...TERMINAL_OPTIONS,
      ...settingsOptions(appearance.settings, themeNameOf(appearance)),
      cols: size.cols,
      rows: size.rows,
      linkHandler: terminalLinkHandler((url) => services.openLink(url)),
    });
    this.term.loadAddon(this.fitAddon);
    this.search = new TerminalSearch(
      this.term,
      () => themeNameOf(services.settings.getState()),
      (results) => events.searchResults(results),
    );
    loadWebLinks(this.term, (url) => services.openLink(url));
    this.renderer = new WebglRenderer({
      term: this.term,
      id: deps.sessionId,
      pool: services.webglPool,
      gpu: () => services.gpu(),
      onChoice: (choice) => events.renderer(choice),
    });
    this.copyOnSelect = new CopyOnSelect(
      this.term,
      () => services.settings.getState().settings.copyOnSelect,
      (text) => this.writeClipboard(text),
    );
    // Keystrokes go out at once, never batched behind output (ARCHITECTURE.md §6).
    this.term.onData((data) => this.sendInput(data));
    this.term.onResize(() => this.scheduleResizeMessage());
    this.term.onBell(() => events.bell());
    this.term.attachCustomKeyEventHandler((event) => this.handleKey(event));
    this.stopSettings = services.settings.subscribe((next, previous) => this.applyAppearance(next, previous));
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
    if (this.disposed) return;
    if (!visible) {
      this.renderer.hidden();
      return;
    }
    if (!this.container) return;
    if (!this.opened) {
      this.term.open(this.container);
      this.opened = true;
      // Before xterm's own handler: a paste from the browser (menu, Shift+Insert) is checked like ours.
      this.container.addEventListener('paste', this.onPasteEvent, { capture: true });
      this.copyOnSelect.attach(this.container);
    }
    this.renderer.shown();
    this.fit();
  }

  focus(): void {
    this.term.focus();
  }

  hasSelection(): boolean {
    return this.term.hasSelection();
  }

  /** Copies the selection; false when there was nothing selected. */
  copySelection(): boolean {
    if (!this.term.hasSelection()) return false;
    this.writeClipboard(this.term.getSelection());
    return true;
  }

  /** Pastes the clipboard as typed input; xterm wraps it in bracketed-paste markers when the shell asks. */
  paste(): void {
    this.deps.services.clipboard.readText().then(
      (text) => {
        if (text !== '' && !this.disposed) this.pasteText(text);
      },
      (error: unknown) => this.deps.events.problem(`Could not paste: ${errorMessage(error)}`),
    );
  }

  private pasteText(text: string): void {
    this.deps.input.paste(text, () => {
      if (!this.disposed) this.term.paste(text);
    });
  }

  private interceptPaste(event: ClipboardEvent): void {
    event.preventDefault();
    event.stopPropagation();
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (text !== '' && !this.disposed) this.pasteText(text);
  }

  selectAll(): void {
    this.term.selectAll();
  }

  /** Clears what this window holds (tmux keeps its own history of the session). */
  clearScrollback(): void {
    this.term.clear();
  }

  find(query: string, direction: SearchDirection, incremental = false): boolean {
    return this.search.find(query, direction, incremental);
  }

  clearSearch(): void {
    this.search.clear();
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
    if (this.opened) this.container?.removeEventListener('paste', this.onPasteEvent, { capture: true });
    this.stopSettings();
    this.copyOnSelect.dispose();
    this.renderer.dispose();
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
      const { terminalId, upstreamAnswersQueries } = await client.invoke('terminal:attach', {
        sessionId,
        ...size,
      });
      if (this.disposed) {
        // Unmounted while attaching (React StrictMode does this on purpose): let the tmux client go.
        client.invoke('terminal:detach', { terminalId }).catch(() => {});
        return;
      }
      const acknowledger = new OutputAcknowledger(FlowControl.ACK_SIZE_CHARS, (chars) => {
        client.invoke('terminal:ack', { terminalId, chars }).catch(() => {});
      });
      this.answerQueries(!upstreamAnswersQueries);
      const attachment = { terminalId, acknowledger, release: () => {} };
      this.attachment = attachment;
      this.deps.input.attached(terminalId);
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

  private answerQueries(answer: boolean): void {
    if (answer) {
      this.queryFilter?.dispose();
      this.queryFilter = null;
    } else {
      this.queryFilter ??= ignoreTerminalQueries(this.term.parser);
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
    this.deps.input.attached(null);
    attachment.acknowledger.stop();
    attachment.release();
    if (options.notifyServer) {
      this.deps.client.invoke('terminal:detach', { terminalId: attachment.terminalId }).catch(() => {});
    }
  }

  private sendInput(data: string): void {
    if (!this.attachment) return;
    // Under tmux the program expects keys as tmux would send them (tmuxKeys.logic.ts).
    this.deps.input.send(this.queryFilter ? keystrokeForTmuxPane(data) : data);
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
    this.deps.events.status(status);
  }

  /** xterm asks before handling each key event; false keeps the key from the remote program. */
  private handleKey(event: KeyboardEvent): boolean {
    const action = matchTerminalKey(event, this.deps.services.isMac);
    if (!action) return true;
    // Every event of the chord is swallowed, but it acts once; preventDefault also stops the browser's own
    // paste, zoom or devtools on the same keys.
    if (event.type === 'keydown') {
      event.preventDefault();
      this.runKeyAction(action);
    }
    return false;
  }

  private runKeyAction(action: TerminalKeyAction): void {
    const settings = this.deps.services.settings.getState();
    if (action === 'copy') this.copySelection();
    else if (action === 'paste') this.paste();
    else if (action === 'find') this.deps.events.findRequested();
    else if (action === 'zoomIn') settings.zoom(1);
    else if (action === 'zoomOut') settings.zoom(-1);
    else settings.zoom('reset');
  }

  private writeClipboard(text: string): void {
    this.deps.services.clipboard
      .writeText(text)
      .catch((error: unknown) => this.deps.events.problem(`Could not copy: ${errorMessage(error)}`));
  }

  private applyAppearance(next: TerminalAppearanceState, previous: TerminalAppearanceState): void {
    if (this.disposed) return;
    const before = settingsOptions(previous.settings, themeNameOf(previous));
    const after = settingsOptions(next.settings, themeNameOf(next));
    if (after.theme !== before.theme) this.term.options.theme = after.theme;
    // Lowering it drops the oldest lines at once; raising it keeps what is there and makes room for more.
    if (after.scrollback !== before.scrollback) this.term.options.scrollback = after.scrollback;
    if (after.fontFamily === before.fontFamily && after.fontSize === before.fontSize) return;
    this.term.options.fontFamily = after.fontFamily;
    this.term.options.fontSize = after.fontSize;
    // New cell size, new number of rows and columns; hidden terminals refit when shown.
    this.scheduleFit();
  }
}
