import net from 'node:net';

/**
 * Connects and returns the server's identification line ("SSH-2.0-OpenSSH_9.2p1 ..."). This proves the port
 * is served by an SSH server that accepts connections, which a bare TCP connect does not.
 */
export function readSshBanner(host: string, port: number, timeoutMs = 1_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let received = '';
    const finish = (error: Error | undefined, banner?: string): void => {
      socket.destroy();
      if (error) reject(error);
      else resolve(banner ?? '');
    };
    socket.setTimeout(timeoutMs, () =>
      finish(new Error(`no SSH banner from ${host}:${port} in ${timeoutMs} ms`)),
    );
    socket.once('error', (error) => finish(error));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const completeLines = received.split('\n').slice(0, -1);
      const banner = completeLines.find((line) => line.startsWith('SSH-'));
      if (banner !== undefined) finish(undefined, banner.trim());
    });
    socket.once('end', () => finish(new Error(`connection to ${host}:${port} closed before an SSH banner`)));
  });
}
