import { WebLinksAddon } from '@xterm/addon-web-links';
import type { ILinkHandler, Terminal } from '@xterm/xterm';
import { isOpenableLink } from './linkPolicy.logic';

/**
 * Makes http(s) URLs in the output clickable. Opening goes through window.open with noopener: Electron's
 * main process turns that into the system browser (and refuses other schemes), a browser opens a tab.
 */
export function loadWebLinks(term: Terminal, open: (url: string) => void): WebLinksAddon {
  const addon = new WebLinksAddon((_event, uri) => {
    if (isOpenableLink(uri)) open(uri);
  });
  term.loadAddon(addon);
  return addon;
}

/**
 * OSC 8 hyperlinks (`ESC ] 8 ;; URI ST text`): the remote host chooses the URI and the visible text, so
 * they pass the same policy as web links. Without this xterm.js falls back to its own handler, which
 * opens any URI it is given after a confirm() the page draws.
 */
export function terminalLinkHandler(open: (url: string) => void): ILinkHandler {
  return {
    activate: (_event, uri) => {
      if (isOpenableLink(uri)) open(uri);
    },
    allowNonHttpProtocols: false,
  };
}

export function openInBrowser(url: string): void {
  window.open(url, '_blank', 'noopener');
}
