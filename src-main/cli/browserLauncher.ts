import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What opening a browser needs from the machine; passed in so tests use stand-ins. */
export interface BrowserLauncherDeps {
  platform: NodeJS.Platform;
  /** Where the hand-over page may be written: a directory only this user can read. */
  privateDir: string;
  writePrivateFile(path: string, content: string): Promise<void>;
  removeFile(path: string): Promise<void>;
  /** Starts a program and says whether it could be started (and, for openers, exited 0). */
  run(file: string, args: readonly string[]): Promise<boolean>;
  /** Calls back after ms; used to remove the hand-over page once the browser has read it. */
  later(ms: number, callback: () => void): void;
}

/** How long the hand-over page stays: enough for a browser that is slow to start. */
export const HANDOVER_PAGE_LIFETIME_MS = 120_000;

/** The command that opens a file or URL with the user's default browser on each platform. */
export function openerCommand(platform: NodeJS.Platform, target: string): [string, string[]] {
  if (platform === 'darwin') return ['open', [target]];
  // Not `cmd /c start`: its quoting of the window-title argument does not survive Node's escaping.
  if (platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', target]];
  return ['xdg-open', [target]];
}

/** A page that sends the browser on to the URL, with a link for browsers that do not follow. */
export function handoverPage(url: string): string {
  const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return [
    '<!doctype html>',
    '<meta charset="utf-8">',
    `<meta http-equiv="refresh" content="0;url=${escaped}">`,
    '<title>Opening Muxdeck…</title>',
    `<p><a href="${escaped}">Open Muxdeck</a></p>`,
    '',
  ].join('\n');
}

/**
 * Opens the serve URL in the user's browser. The URL carries the access token, and a command line
 * is visible to every local user (ps, /proc) for as long as the browser runs, so the browser is
 * given a page in a private directory that redirects to the URL instead (as Jupyter does), and the
 * page is removed soon after. Resolves false when no browser could be opened.
 */
export async function openInBrowser(url: string, deps: BrowserLauncherDeps): Promise<boolean> {
  const page = join(deps.privateDir, `open-${randomBytes(8).toString('hex')}.html`);
  await deps.writePrivateFile(page, handoverPage(url));
  const [file, args] = openerCommand(deps.platform, pathToFileURL(page).href);
  const opened = await deps.run(file, args);
  if (!opened) {
    await deps.removeFile(page);
    return false;
  }
  deps.later(HANDOVER_PAGE_LIFETIME_MS, () => void deps.removeFile(page));
  return true;
}
