/**
 * The policies of windowSecurity.ts put on Electron's objects. Only index.ts may import Electron, so these
 * take the slices of WebContents and Session they use; index.ts passes the real ones, tests a stand-in.
 */
import { RENDERER_CSP, isExternalWebUrl, permissionAllowed } from './windowSecurity';

interface PreventableEvent {
  preventDefault(): void;
}

export interface GuardableWebContents {
  on(event: 'will-navigate' | 'will-attach-webview', listener: (event: PreventableEvent) => void): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Every web contents (the window, and anything it might create) stays on Muxdeck's page: no navigation, no
 * <webview>, no new window. A web link a user clicks in a terminal opens in the system browser instead.
 */
export function guardWebContents(
  contents: GuardableWebContents,
  openExternal: (url: string) => Promise<void>,
): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) void openExternal(url);
    return { action: 'deny' };
  });
}

export interface PolicySession {
  setPermissionRequestHandler(
    handler: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl: string; isMainFrame: boolean },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (
      contents: { getURL(): string } | null,
      permission: string,
      origin: string,
      details: { requestingUrl?: string; isMainFrame: boolean },
    ) => boolean,
  ): void;
  readonly webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
}

/**
 * Copy and paste in terminals (navigator.clipboard), for Muxdeck's own page only: permissionAllowed decides
 * requests and checks alike, so no API sees a different answer. Every response carries the renderer's CSP.
 */
export function applySessionPolicy(
  session: PolicySession,
  isTrustedFrameUrl: (url: string) => boolean,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(
      permissionAllowed(
        { permission, url: details.requestingUrl, isMainFrame: details.isMainFrame },
        isTrustedFrameUrl,
      ),
    ),
  );
  session.setPermissionCheckHandler((contents, permission, _origin, details) =>
    permissionAllowed(
      { permission, url: details.requestingUrl ?? contents?.getURL(), isMainFrame: details.isMainFrame },
      isTrustedFrameUrl,
    ),
  );
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } }),
  );
}
