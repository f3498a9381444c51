/**
 * Which links in terminal output Muxdeck opens: web pages only. Anything else a remote host prints
 * (file:, javascript:, custom schemes that launch local apps) is never handed to the OS.
 */
export function isOpenableLink(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}
