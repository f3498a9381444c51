/** Serve mode's WebSocket endpoint on the origin that served the page; the token goes in the handshake. */
export function serveSocketUrl(location: { protocol: string; host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws`;
}
