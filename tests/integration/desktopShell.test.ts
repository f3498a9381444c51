/**
 * The desktop app's composition root (src-main/index.ts) booted for real over a temporary MUXDECK_HOME,
 * with the real services, a real sshd and tmux, and a stand-in for the `electron` module (the binary is not
 * installed where CI runs; `npm run smoke:electron` covers it where it is).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC, type ApiResponse, type EventMessage, type SessionInfo } from '../../src-preload/api';
import { RENDERER_CSP } from '../../src-main/app/windowSecurity';
import { FakeWebContents, app, fakeElectron, session, type FakeBrowserWindow } from '../fakes/fakeElectron';
import {
  makeFakeHome,
  startSshd,
  writeSshClientConfig,
  type FakeHome,
  type SshdHandle,
} from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer, tmuxOk } from '../helpers/tmux';
import { waitFor } from '../helpers/waitFor';

vi.mock('electron', () => import('../fakes/fakeElectron'));
// electron-updater requires Electron itself; the app is not packaged here, so it never checks anyway.
vi.mock('electron-updater', () => ({
  autoUpdater: { logger: undefined, checkForUpdatesAndNotify: () => Promise.resolve(null) },
}));

const HOST = 'shell-box';

let sshd: SshdHandle;
let fake: FakeHome;
let home: string;
let window: FakeBrowserWindow;
let pageUrl: string;
let sessionId: string;
const savedEnv = { ...process.env };

const invoke = (sender: FakeWebContents, frameUrl: string, channel: string, payload: unknown) =>
  fakeElectron.invokeMain(IPC.invoke, { sender, frameUrl }, channel, payload) as Promise<ApiResponse>;

beforeAll(async () => {
  sshd = await startSshd();
  fake = await makeFakeHome();
  await writeSshClientConfig({
    file: fake.configFile,
    hosts: [{ alias: HOST, sshd }],
    knownHostsFile: fake.knownHostsFile,
  });
  home = join(await makeTempDir('mx-shell-'), 'home');
  // index.ts reads its environment when it loads, as the real app does at start.
  Object.assign(process.env, fake.env, {
    MUXDECK_HOME: home,
    MUXDECK_SSH_CONFIG: fake.configFile,
    MUXDECK_LOG: 'quiet',
  });
  delete process.env.ELECTRON_RENDERER_URL;
  fakeElectron.reset();
  await import('../../src-main/index');
});

afterAll(async () => {
  app.emit('before-quit');
  await killServer(join(home, 'tmux.sock'));
  await sshd?.stop();
  await fake?.cleanup();
  await removeDir(join(home, '..'));
  process.env = savedEnv;
});

describe('the desktop shell, before Electron is ready', () => {
  it('keeps everything under a private MUXDECK_HOME and sandboxes every renderer', () => {
    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(fakeElectron.paths.get('userData')).toBe(join(home, 'electron'));
    expect(fakeElectron.sandboxEnabled).toBe(true);
  });

  it('opens no window, serves nothing and asks for no permission handler until Electron is ready', () => {
    expect(fakeElectron.windows).toEqual([]);
    expect(fakeElectron.handledChannels()).toEqual([]);
  });
});

describe('the desktop shell, once ready', () => {
  beforeAll(async () => {
    fakeElectron.ready();
    window = await waitFor(() => fakeElectron.windows[0], {
      describe: 'the main window',
      timeoutMs: 30_000,
    });
    // index.ts loads ../renderer/index.html beside itself: out/renderer once built, here beside src-main.
    pageUrl = pathToFileURL(join(__dirname, '../../renderer/index.html')).href;
    await waitFor(() => window.visible, { describe: 'the window shown once ready to show' });
  });

  it('opens one hardened window on the built page, shown once ready', () => {
    expect(fakeElectron.windows).toHaveLength(1);
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(String(prefs.preload)).toMatch(/[/\\]preload[/\\]index\.js$/);
    expect(window.webContents.getURL()).toBe(pageUrl);
  });

  it('guards the window: no navigation, no webview, no new window; web links open in the browser', () => {
    expect(window.webContents.tryNavigate('https://evil.example/')).toBe(true);
    expect(window.webContents.tryAttachWebview()).toBe(true);
    expect(window.webContents.tryOpenWindow('https://example.com/')).toBe('deny');
    expect(window.webContents.tryOpenWindow('file:///etc/passwd')).toBe('deny');
    expect(fakeElectron.openedExternally).toEqual(['https://example.com/']);
    expect(window.webContents.getURL()).toBe(pageUrl);
  });

  it("gives the page's main frame copy and paste only, and puts the CSP on every response", () => {
    const policy = session.defaultSession;
    expect(policy.request('clipboard-read', { requestingUrl: pageUrl, isMainFrame: true })).toBe(true);
    expect(policy.check('clipboard-sanitized-write', { requestingUrl: pageUrl, isMainFrame: true })).toBe(
      true,
    );
    expect(policy.request('media', { requestingUrl: pageUrl, isMainFrame: true })).toBe(false);
    expect(policy.request('clipboard-read', { requestingUrl: pageUrl, isMainFrame: false })).toBe(false);
    expect(
      policy.check('clipboard-read', { requestingUrl: 'https://evil.example/', isMainFrame: true }),
    ).toBe(false);
    expect(policy.respond({})?.['Content-Security-Policy']).toEqual([RENDERER_CSP]);
  });

  it("answers the page's requests with the real services, and refuses any other frame", async () => {
    expect(fakeElectron.handledChannels()).toEqual([IPC.invoke]);
    const tree = await invoke(window.webContents, pageUrl, 'tree:get', {});
    expect(tree.ok).toBe(true);
    if (!tree.ok) return;
    const hosts = (tree.result as { hosts: Array<{ id: string }> }).hosts.map((h) => h.id);
    expect(hosts).toContain(`ssh-config:${HOST}`);

    const bad = await invoke(window.webContents, pageUrl, 'sessions:close', { sessionId: 'a;b' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });

    const evil = new FakeWebContents('https://evil.example/');
    const refused = await invoke(evil, 'https://evil.example/', 'tree:get', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('connects a host from the ssh config, and its events reach the page only', async () => {
    const bystander = new FakeWebContents('https://evil.example/');
    await invoke(bystander, 'https://evil.example/', 'sessions:list', {});
    const opened = await invoke(window.webContents, pageUrl, 'sessions:open', {
      hostId: `ssh-config:${HOST}`,
      cols: 80,
      rows: 24,
    });
    expect(opened.ok, JSON.stringify(opened)).toBe(true);
    if (!opened.ok) return;
    sessionId = (opened.result as SessionInfo).id;
    const events = () =>
      window.webContents.sent.filter((s) => s.channel === IPC.event).map((s) => s.message as EventMessage);
    await waitFor(
      () =>
        events().some(
          (e) =>
            e.event === 'sessions:changed' &&
            e.payload.sessions.some((s) => s.id === sessionId && s.status === 'connected'),
        ),
      { describe: `${HOST} connected, as the page hears it`, timeoutMs: 30_000 },
    );
    expect(bystander.sent).toEqual([]);
  });

  it('a second start focuses the window; quitting stops serving and keeps the session for the next start', async () => {
    window.minimized = true;
    app.emit('second-instance');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);

    app.emit('before-quit');
    expect(fakeElectron.handledChannels()).toEqual([]);
    // Detached, not ended: the session is still in tmux for the next start to find.
    const names = await tmuxOk(join(home, 'tmux.sock'), ['list-sessions', '-F', '#{session_name}']);
    expect(names.split('\n')).toContain(sessionId);
  });
});
