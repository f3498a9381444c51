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
import { loadServeIdentity, rememberServePort } from '../transport/serve/serveIdentity';
import { startServeServer, type ServeServer } from '../transport/serve/serveServer';
import { openInBrowser } from './browserLauncher';
import type { CliContext } from './cliContext';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export const SERVE_USAGE = `Usage: muxdeck serve [--port N] [--host ADDRESS] [--open] [--rotate-token]

Runs Muxdeck's services and serves its window to a browser.
  --port N          port to listen on (default: the last one used when it is
                    free, otherwise a free port)
  --host ADDRESS    address to bind (default 127.0.0.1). Anything but loopback
                    exposes your terminals to the network: only with care.
  --open            open the URL in your default browser
  --rotate-token    make a new access token (pages opened with the old one stop
                    working)
Prints one line with the URL to open; it carries a random access token, kept
(readable by you only) in MUXDECK_HOME/serve/token so the URL survives a
restart and an open page reconnects by itself.`;

export async function serveCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      open: { type: 'boolean' },
      'rotate-token': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    ctx.stdout(SERVE_USAGE);
    return 0;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
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
  const identity = loadServeIdentity(home, { rotate: values['rotate-token'] === true });
  for (const note of identity.notes) ctx.stderr(note);
  const listen = (onPort: number): Promise<ServeServer> =>
    startServeServer({
      router: services.router,
      rendererDir: join(ctx.appRoot, 'out', 'renderer'),
      token: identity.token,
      host,
      port: onPort,
    });
  const server = await listenOnRememberedPort(listen, port, identity.rememberedPort, ctx);
  rememberServePort(home, server.port);
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

/**
 * A port given on the command line is the user's word: it fails loudly when taken. Otherwise the port of
 * the last start is tried first, so open pages find the server where they left it, and a free one is
 * taken when something else holds it now.
 */
async function listenOnRememberedPort(
  listen: (port: number) => Promise<ServeServer>,
  requested: number | undefined,
  remembered: number | undefined,
  ctx: CliContext,
): Promise<ServeServer> {
  if (requested !== undefined || remembered === undefined) return listen(requested ?? 0);
  try {
    return await listen(remembered);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
    const server = await listen(0);
    ctx.stderr(
      `Port ${remembered}, which the last muxdeck serve used, is taken now: serving on ${server.port}. ` +
        'Pages open on the old port cannot reconnect; open the new URL.',
    );
    return server;
  }
}
