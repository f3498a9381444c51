/**
 * Hardening of the Electron window, kept out of index.ts so it is plain data that
 * tests and reviewers can read (docs/security.md explains each choice).
 */

export function hardenedWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  } as const;
}

export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; " +
  "frame-ancestors 'none'";

/** Only Muxdeck's own page (the built file, or electron-vite's dev server) may call the contract. */
export function trustedFrameUrlChecker(opts: {
  rendererFileUrl: string;
  devServerUrl?: string;
}): (url: string) => boolean {
  return (url) => {
    if (url === opts.rendererFileUrl || url.startsWith(`${opts.rendererFileUrl}#`)) return true;
    if (!opts.devServerUrl) return false;
    try {
      return new URL(url).origin === new URL(opts.devServerUrl).origin;
    } catch {
      return false;
    }
  };
}

/** Links a user clicks in a terminal open in the system browser, and only for web URLs. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The only permissions Muxdeck's page gets: writing plain text to the clipboard (copy from a terminal) and
 * reading it (paste into a terminal, navigator.clipboard.readText). Everything else (camera, microphone,
 * notifications, HID, USB, serial, fullscreen, openExternal ...) is refused.
 */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set([
  'clipboard-sanitized-write',
  'clipboard-read',
]);

/**
 * One policy for Electron's permission requests and permission checks: a granted permission, asked by the
 * main frame of Muxdeck's own page. A sub-frame, another page or an unknown URL gets nothing.
 */
export function permissionAllowed(
  request: { permission: string; url: string | undefined; isMainFrame: boolean },
  isTrustedFrameUrl: (url: string) => boolean,
): boolean {
  return (
    GRANTED_PERMISSIONS.has(request.permission) &&
    request.isMainFrame &&
    request.url !== undefined &&
    isTrustedFrameUrl(request.url)
  );
}
