/**
 * Boots the desktop app. The only file that imports Electron: everything else in
 * src-main is plain Node, composed by composeServices and served over IPC here.
 */
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { autoUpdater } from 'electron-updater';
import { autoUpdateDecision, scheduleUpdateChecks } from './app/autoUpdate';
import { composeServices, type MuxdeckServices } from './app/compose';
import { electronDataDir, resolveMuxdeckHome } from './app/paths';
import { keepRunningOnStrayRejections } from './app/strayRejections';
import { ensurePrivateDirectory } from './platform/privateDirectory';
import { hardenedWebPreferences, trustedFrameUrlChecker } from './app/windowSecurity';
import { applySessionPolicy, guardWebContents } from './app/windowGuards';
import { dialogConfirmation } from './app/dialogConfirmation';
import { loadNodePtySpawner } from './platform/nodePtySpawner';
import { streamLogger } from './platform/streamLogger';
import { serveContractOverIpc } from './transport/electronIpc';

const home = resolveMuxdeckHome(process.env);
// Before anything can reject: a stray rejection is logged and the window stays (issue 11).
keepRunningOnStrayRejections(
  process,
  streamLogger((line) => process.stderr.write(line)),
);
// Before Chromium creates its data under it with the umask's mode; refuses a home another user can write to.
ensurePrivateDirectory(home);
// Chromium's own data lives under MUXDECK_HOME too, so nothing escapes it.
app.setPath('userData', electronDataDir(home));
app.enableSandbox();

const rendererFile = join(__dirname, '../renderer/index.html');
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
/** Muxdeck's own page: the only frame that may call the contract or get a permission. */
const isTrustedFrameUrl = trustedFrameUrlChecker({
  rendererFileUrl: pathToFileURL(rendererFile).href,
  ...(devServerUrl && !app.isPackaged ? { devServerUrl } : {}),
});

let services: MuxdeckServices | undefined;
let stopIpc: (() => void) | undefined;
let stopUpdates: (() => void) | undefined;
let mainWindow: BrowserWindow | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, (url) => shell.openExternal(url)),
  );
  app.whenReady().then(start, (error: unknown) => {
    process.stderr.write(`Muxdeck failed to start: ${String(error)}\n`);
    app.exit(1);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    stopIpc?.();
    stopUpdates?.();
    // Detach tmux clients only: every session keeps running for the next start.
    services?.dispose();
  });
}

const confirmation = dialogConfirmation((options) =>
  mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options),
);

async function start(): Promise<void> {
  applySessionPolicy(session.defaultSession, isTrustedFrameUrl);

  // Packaged: electron-builder's extraResources put tmux.conf and askpass/ in process.resourcesPath.
  const resourcesDir = app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources');
  const logger = streamLogger((line) => process.stderr.write(line));
  const composed = await composeServices({
    home,
    resourcesDir,
    transport: 'electron',
    version: app.getVersion(),
    env: process.env,
    logger,
    spawner: await loadNodePtySpawner(),
    // shell.openPath answers an error message, empty when the folder was opened.
    openFolder: async (path) => (await shell.openPath(path)) === '',
    confirmation,
    ...(process.env.MUXDECK_SSH_CONFIG ? { sshConfigFile: process.env.MUXDECK_SSH_CONFIG } : {}),
  });
  services = composed;

  // Updates from GitHub releases: downloaded in the background, installed on quit; opt-out in settings.
  autoUpdater.logger = null;
  stopUpdates = scheduleUpdateChecks({
    decide: () =>
      autoUpdateDecision({
        setting: composed.settings().autoUpdate,
        isPackaged: app.isPackaged,
        platform: process.platform,
        env: process.env,
        execPath: process.execPath,
        productName: app.getName(),
        fileExists: existsSync,
      }),
    check: () => autoUpdater.checkForUpdatesAndNotify(),
    logger,
  });

  stopIpc = serveContractOverIpc({ ipcMain, router: composed.router, isTrustedFrameUrl });

  mainWindow = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 640,
    minHeight: 400,
    show: false,
    title: 'Muxdeck',
    webPreferences: {
      ...hardenedWebPreferences(join(__dirname, '../preload/index.js')),
      // Repeated as literals so static checkers (electronegativity) can see them.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  if (devServerUrl && !app.isPackaged) await mainWindow.loadURL(devServerUrl);
  else await mainWindow.loadFile(rendererFile);
}
