import net from 'node:net';

/**
 * A port that was free a moment ago on `host`. Another process can still take it before the caller binds,
 * so callers must retry on "address in use" rather than trust it.
 */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error(`unexpected address for a TCP listener: ${String(address)}`));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
