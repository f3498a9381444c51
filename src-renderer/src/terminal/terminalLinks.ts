import { WebLinksAddon } from '@xterm/addon-web-links';
import type { Terminal } from '@xterm/xterm';
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

export function openInBrowser(url: string): void {
  window.open(url, '_blank', 'noopener');
}
