import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { composeServices } from '../app/compose';
import { resolveMuxdeckHome } from '../app/paths';
import { keepRunningOnStrayRejections } from '../app/strayRejections';
import { nodeBrowserLauncher } from '../platform/nodeBrowserLauncher';
import { refuseEveryConfirmation } from '../confirm/requireConfirmation';
import { terminalConfirmation } from '../confirm/terminalConfirmation';
import { loadNodePtySpawner } from '../platform/nodePtySpawner';
import { streamLogger } from '../platform/streamLogger';
import { generateAccessToken } from '../transport/serve/accessToken';
import { startServeServer } from '../transport/serve/serveServer';
import { openInBrowser } from './browserLauncher';
import type { CliContext } from './cliContext';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export const SERVE_USAGE = `Usage: muxdeck serve [--port N] [--host ADDRESS] [--open]

Runs Muxdeck's services and serves its window to a browser.
  --port N          port to listen on (default: a free port)
  --host ADDRESS    address to bind (default 127.0.0.1). Anything but loopback
                    exposes your terminals to the network: only with care.
  --open            open the URL in your default browser
Prints one line with the URL to open; it carries a random access token.`;

export async function serveCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      open: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    ctx.stdout(SERVE_USAGE);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    ctx.stderr(`muxdeck serve: --port must be a number from 0 to 65535, got ${JSON.stringify(values.port)}`);
    return 2;
  }
  const host = values.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) {
    ctx.stderr(
      `WARNING: muxdeck serve is listening on ${host}, beyond loopback. Anyone who can reach it and learns ` +
        'the token gets your terminals. Prefer an ssh tunnel to 127.0.0.1.',
    );
  }

  const logger = streamLogger((line) => ctx.log(line));
  const home = resolveMuxdeckHome(ctx.env);
  const stopGuard = keepRunningOnStrayRejections(process, logger);
  const services = await composeServices({
    home,
    resourcesDir: join(ctx.appRoot, 'resources'),
    transport: 'serve',
    version: ctx.version,
    env: ctx.env,
    logger,
    spawner: await loadNodePtySpawner(),
    // No Electron dialog here: what only the user may allow is asked on this terminal, which the page
    // cannot reach; without a terminal (stdin not a TTY) it is refused.
    confirmation: ctx.terminal ? terminalConfirmation(ctx.terminal) : refuseEveryConfirmation,
    ...(ctx.env.MUXDECK_SSH_CONFIG ? { sshConfigFile: ctx.env.MUXDECK_SSH_CONFIG } : {}),
  });
  const server = await startServeServer({
    router: services.router,
    rendererDir: join(ctx.appRoot, 'out', 'renderer'),
    token: generateAccessToken(),
    host,
    port,
  });
  ctx.stdout(`Muxdeck is serving at ${server.url}`);
  if (values.open) {
    const launcher = ctx.browserLauncher?.(join(home, 'open')) ?? nodeBrowserLauncher(join(home, 'open'));
    const opened = await openInBrowser(server.url, launcher).catch(() => false);
    ctx.stdout(
      opened ? 'Opened it in your browser.' : 'No browser could be opened here: open the URL above.',
    );
  }

  await ctx.untilStopped();
  await server.close();
  services.dispose();
  stopGuard();
  return 0;
}
