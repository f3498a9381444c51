/**
 * A stand-in for the `electron` module, for the shell's unit and integration tests (the Electron binary is
 * not installed where CI runs). Use it as `vi.mock('electron', () => import('../../fakes/fakeElectron'))`:
 * the named exports are what index.ts and the preload import; `fakeElectron` records every call and lets a
 * test fire what Electron would (ready, IPC requests, events from main, permission requests).
 * Only the slices Muxdeck uses exist, shaped like Electron's so the real code runs unchanged.
 */
import { pathToFileURL } from 'node:url';

type Listener = (...args: unknown[]) => unknown;
/** What callers pass: a listener typed for its event's arguments (Electron types each event's listener). */
type AnyListener = (...args: never[]) => unknown;
const asListener = (listener: AnyListener): Listener => listener as Listener;

/** Named listeners, kept in order, with Electron's on/once/off/emit. */
class Listeners {
  private readonly byName = new Map<string, Array<{ listener: Listener; once: boolean }>>();

  on(name: string, listener: Listener): void {
    this.add(name, listener, false);
  }

  once(name: string, listener: Listener): void {
    this.add(name, listener, true);
  }

  off(name: string, listener: Listener): void {
    this.byName.set(
      name,
      (this.byName.get(name) ?? []).filter((entry) => entry.listener !== listener),
    );
  }

  emit(name: string, ...args: unknown[]): void {
    const entries = this.byName.get(name) ?? [];
    this.byName.set(
      name,
      entries.filter((entry) => !entry.once),
    );
    for (const entry of entries) entry.listener(...args);
  }

  count(name: string): number {
    return this.byName.get(name)?.length ?? 0;
  }

  clear(): void {
    this.byName.clear();
  }

  private add(name: string, listener: Listener, once: boolean): void {
    this.byName.set(name, [...(this.byName.get(name) ?? []), { listener, once }]);
  }
}

/** An event a handler may cancel, as Electron passes to will-navigate and will-attach-webview. */
export class FakePreventableEvent {
  defaultPrevented = false;

  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

let nextWebContentsId = 1;

export class FakeWebContents {
  readonly id = nextWebContentsId++;
  readonly sent: Array<{ channel: string; message: unknown }> = [];
  windowOpenHandler: WindowOpenHandler | undefined;
  private readonly listeners = new Listeners();
  private destroyed = false;

  constructor(public url = 'about:blank') {}

  on(name: string, listener: AnyListener): this {
    this.listeners.on(name, asListener(listener));
    return this;
  }

  once(name: string, listener: AnyListener): this {
    this.listeners.once(name, asListener(listener));
    return this;
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  getURL(): string {
    return this.url;
  }

  send(channel: string, message: unknown): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, message });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** The page tries to navigate (a link, location.href = ...): true when a handler refused it. */
  tryNavigate(url: string): boolean {
    const event = new FakePreventableEvent();
    this.listeners.emit('will-navigate', event, url);
    if (!event.defaultPrevented) this.url = url;
    return event.defaultPrevented;
  }

  /** The page adds a <webview>: true when a handler refused it. */
  tryAttachWebview(): boolean {
    const event = new FakePreventableEvent();
    this.listeners.emit('will-attach-webview', event, {}, {});
    return event.defaultPrevented;
  }

  /** window.open / target=_blank: what the window-open handler answers (no handler: Electron allows). */
  tryOpenWindow(url: string): 'allow' | 'deny' {
    return this.windowOpenHandler?.({ url }).action ?? 'allow';
  }

  destroy(): void {
    this.destroyed = true;
    this.listeners.emit('destroyed');
  }

  listenerCount(name: string): number {
    return this.listeners.count(name);
  }
}

export class FakeBrowserWindow {
  readonly webContents: FakeWebContents;
  visible = false;
  minimized = false;
  focused = false;
  private readonly listeners = new Listeners();

  constructor(readonly options: Record<string, unknown>) {
    this.webContents = new FakeWebContents();
    fakeElectron.windows.push(this);
    // Electron announces every web contents it creates, the window's own included.
    app.emit('web-contents-created', {}, this.webContents);
  }

  async loadFile(file: string): Promise<void> {
    this.webContents.url = pathToFileURL(file).href;
    this.listeners.emit('ready-to-show');
  }

  async loadURL(url: string): Promise<void> {
    this.webContents.url = url;
    this.listeners.emit('ready-to-show');
  }

  once(name: string, listener: AnyListener): this {
    this.listeners.once(name, asListener(listener));
    return this;
  }

  show(): void {
    this.visible = true;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.minimized = false;
  }

  focus(): void {
    this.focused = true;
  }
}

const appListeners = new Listeners();
let resolveReady: () => void = () => {};
let readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));

export const app = {
  isPackaged: false,
  on(name: string, listener: AnyListener) {
    appListeners.on(name, asListener(listener));
    return app;
  },
  emit(name: string, ...args: unknown[]) {
    appListeners.emit(name, ...args);
  },
  setPath(name: string, path: string) {
    fakeElectron.paths.set(name, path);
  },
  enableSandbox() {
    fakeElectron.sandboxEnabled = true;
  },
  requestSingleInstanceLock() {
    return fakeElectron.singleInstanceLock;
  },
  whenReady() {
    return readyPromise;
  },
  quit() {
    fakeElectron.quitCalls += 1;
  },
  exit(code: number) {
    fakeElectron.exitCodes.push(code);
  },
  getAppPath() {
    return fakeElectron.appPath;
  },
  getVersion() {
    return '0.0.0-test';
  },
  getName() {
    return 'Muxdeck';
  },
};

/** Registered with the listener's own types (as Electron's ipcMain.handle allows); called with what a frame sent. */
type InvokeListener = (event: never, ...args: never[]) => Promise<unknown>;
type CallableInvokeListener = (event: unknown, ...args: unknown[]) => Promise<unknown>;
const invokeHandlers = new Map<string, CallableInvokeListener>();

export const ipcMain = {
  handle(channel: string, listener: InvokeListener) {
    // Electron refuses a second handler for a channel.
    if (invokeHandlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    invokeHandlers.set(channel, listener as CallableInvokeListener);
  },
  removeHandler(channel: string) {
    invokeHandlers.delete(channel);
  },
};

const rendererListeners = new Listeners();

export const ipcRenderer = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    fakeElectron.rendererInvokes.push({ channel, args });
    return Promise.resolve(fakeElectron.invokeAnswer);
  },
  on(channel: string, listener: AnyListener) {
    rendererListeners.on(channel, asListener(listener));
    return ipcRenderer;
  },
  off(channel: string, listener: AnyListener) {
    rendererListeners.off(channel, asListener(listener));
    return ipcRenderer;
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    fakeElectron.exposed.set(key, api);
  },
};

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string; isMainFrame: boolean },
) => void;
type PermissionCheckHandler = (
  contents: { getURL(): string } | null,
  permission: string,
  origin: string,
  details: { requestingUrl?: string; isMainFrame: boolean },
) => boolean;
type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | undefined;
  permissionCheckHandler: PermissionCheckHandler | undefined;
  headersListener: HeadersListener | undefined;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }

  /** A page asks for a permission (navigator.clipboard.readText, getUserMedia, ...); Electron's default grants. */
  request(permission: string, details: { requestingUrl: string; isMainFrame: boolean }): boolean {
    let granted: boolean | undefined;
    if (!this.permissionRequestHandler) return true;
    this.permissionRequestHandler(
      new FakeWebContents(details.requestingUrl),
      permission,
      (answer) => {
        granted = answer;
      },
      details,
    );
    if (granted === undefined) throw new Error('the permission request handler never answered');
    return granted;
  }

  /** A page checks a permission (navigator.permissions.query); Electron's default grants. */
  check(
    permission: string,
    details: { requestingUrl?: string; isMainFrame: boolean },
    contents: FakeWebContents | null = null,
  ): boolean {
    return this.permissionCheckHandler?.(contents, permission, '', details) ?? true;
  }

  /** The headers the page gets for a response that arrived with these. */
  respond(responseHeaders: Record<string, string[]>): Record<string, string[]> | undefined {
    if (!this.headersListener) return responseHeaders;
    let answered: Record<string, string[]> | undefined;
    this.headersListener({ responseHeaders }, (response) => {
      answered = response.responseHeaders;
    });
    return answered;
  }
}

export const session = { defaultSession: new FakeSession() };

export const shell = {
  openExternal(url: string): Promise<void> {
    fakeElectron.openedExternally.push(url);
    return Promise.resolve();
  },
  openPath(path: string): Promise<string> {
    fakeElectron.openedPaths.push(path);
    return Promise.resolve('');
  },
};

export const dialog = {
  showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    fakeElectron.dialogs.push(args);
    return Promise.resolve({ response: fakeElectron.dialogAnswer, checkboxChecked: false });
  },
};

/** What the code under test did to Electron, and the levers a test pulls to play Electron's part. */
export const fakeElectron = {
  paths: new Map<string, string>(),
  sandboxEnabled: false,
  singleInstanceLock: true,
  quitCalls: 0,
  exitCodes: [] as number[],
  appPath: process.cwd(),
  windows: [] as FakeBrowserWindow[],
  exposed: new Map<string, unknown>(),
  rendererInvokes: [] as Array<{ channel: string; args: unknown[] }>,
  invokeAnswer: { ok: true, result: {} } as unknown,
  openedExternally: [] as string[],
  openedPaths: [] as string[],
  dialogs: [] as unknown[][],
  dialogAnswer: 0,

  /** app.whenReady() resolves. */
  ready(): void {
    resolveReady();
  },
  /** The channels ipcMain.handle registered. */
  handledChannels(): string[] {
    return [...invokeHandlers.keys()];
  },
  /** A frame calls ipcRenderer.invoke(channel, ...args); senderFrame null is a frame already gone. */
  invokeMain(
    channel: string,
    from: { sender: FakeWebContents; frameUrl: string | null },
    ...args: unknown[]
  ): Promise<unknown> {
    const handler = invokeHandlers.get(channel);
    if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    const senderFrame = from.frameUrl === null ? null : { url: from.frameUrl };
    return handler({ sender: from.sender, senderFrame }, ...args);
  },
  /** Main sends a message to the preload (webContents.send). */
  sendToRenderer(channel: string, message: unknown): void {
    rendererListeners.emit(channel, { sender: ipcRenderer, senderId: 0 }, message);
  },
  rendererListenerCount(channel: string): number {
    return rendererListeners.count(channel);
  },
  reset(): void {
    fakeElectron.paths.clear();
    fakeElectron.sandboxEnabled = false;
    fakeElectron.singleInstanceLock = true;
    fakeElectron.quitCalls = 0;
    fakeElectron.exitCodes = [];
    fakeElectron.windows = [];
    fakeElectron.exposed.clear();
    fakeElectron.rendererInvokes = [];
    fakeElectron.invokeAnswer = { ok: true, result: {} };
    fakeElectron.openedExternally = [];
    fakeElectron.openedPaths = [];
    fakeElectron.dialogs = [];
    fakeElectron.dialogAnswer = 0;
    appListeners.clear();
    rendererListeners.clear();
    invokeHandlers.clear();
    session.defaultSession = new FakeSession();
    readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));
  },
};

export const BrowserWindow = FakeBrowserWindow;

export default { app, BrowserWindow, contextBridge, dialog, ipcMain, ipcRenderer, session, shell };
