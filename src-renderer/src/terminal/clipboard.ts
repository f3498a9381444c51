/** The system clipboard as the terminal uses it; injected so tests and other hosts can replace it. */
export interface ClipboardPort {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
}

/** navigator.clipboard: works in Electron and on a loopback page (a secure context). */
export function browserClipboard(nav: Navigator): ClipboardPort {
  return {
    readText: () => nav.clipboard.readText(),
    writeText: (text) => nav.clipboard.writeText(text),
  };
}
