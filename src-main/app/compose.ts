import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { homedir, userInfo } from 'node:os';
import { HostCatalog } from '../inventory/hostCatalog';
import { SshConfigSource } from '../inventory/ssh-config/sshConfigSource';
import { nodeFileReader } from '../platform/nodeFileReader';
import { execFileRunner } from '../platform/execFileRunner';
import { systemClock } from '../platform/systemClock';
import type { CommandRunner, FileReader, Logger, PtySpawner } from '../ports';
import { createApiHandlers } from '../router/apiHandlers';
import { createRouter, type Router } from '../router/router';
import { SessionService } from '../sessions/sessionService';
import { TerminalService } from '../sessions/terminalService';
import { locateSshConfig } from '../ssh/sshConfigLocation';
import { TmuxServer } from '../tmux/tmuxServer';
import { muxdeckPaths, type MuxdeckPaths } from './paths';

export interface ComposeOptions {
  home: string;
  /** Directory holding resources/ (the repository, or the packaged app's resources). */
  resourcesDir: string;
  transport: 'electron' | 'serve';
  version: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  spawner: PtySpawner;
  runner?: CommandRunner;
  files?: FileReader;
  /** Explicit ssh config file (a user setting / MUXDECK_SSH_CONFIG); default $HOME/.ssh/config. */
  sshConfigFile?: string;
}

export interface MuxdeckServices {
  paths: MuxdeckPaths;
  router: Router;
  sessions: SessionService;
  terminals: TerminalService;
  dispose(): void;
}

/**
 * The composition root, read top to bottom: paths, edges, services, router.
 * Both entry points (Electron's index.ts and the serve CLI) call this.
 */
export async function composeServices(opts: ComposeOptions): Promise<MuxdeckServices> {
  const paths = muxdeckPaths(opts.home);
  await mkdir(paths.home, { recursive: true, mode: 0o700 });
  await mkdir(join(paths.tmuxSocket, '..'), { recursive: true, mode: 0o700 });

  const runner = opts.runner ?? execFileRunner;
  const files = opts.files ?? nodeFileReader;
  // The env's HOME, not the process's: serve mode and tests may run Muxdeck for a different HOME.
  const userHome = opts.env.HOME || homedir();
  const sshConfig = locateSshConfig({
    ...(opts.sshConfigFile ? { setting: opts.sshConfigFile } : {}),
    home: userHome,
    passwdHome: userInfo().homedir,
  });

  const tmux = new TmuxServer({
    runner,
    tmuxPath: opts.env.MUXDECK_TMUX ?? 'tmux',
    address: { socket: paths.tmuxSocket, config: join(opts.resourcesDir, 'tmux.conf') },
    env: opts.env,
  });
  const catalog = new HostCatalog([new SshConfigSource({ file: sshConfig.file, home: userHome, files })]);
  const sessions = new SessionService({
    tmux,
    catalog,
    ssh: {
      sshPath: opts.env.MUXDECK_SSH ?? 'ssh',
      ...(sshConfig.explicitFlag ? { configFlag: sshConfig.explicitFlag } : {}),
    },
    cwd: userHome,
  });
  const terminals = new TerminalService({
    spawner: opts.spawner,
    tmux,
    env: opts.env,
    cwd: userHome,
    clock: systemClock,
    onClientEnded: () => void sessions.announce().catch(() => undefined),
  });

  const api = createApiHandlers({
    catalog,
    sessions,
    terminals,
    appInfo: {
      version: opts.version,
      platform: process.platform,
      transport: opts.transport,
      home: paths.home,
    },
  });
  const router = createRouter({
    handlers: api.handlers,
    logger: opts.logger,
    onDisconnect: api.onDisconnect,
  });
  const unsubscribe = sessions.onDidChange((list) =>
    router.broadcast({ event: 'sessions:changed', payload: { sessions: list } }),
  );

  opts.logger.info('services ready', {
    home: paths.home,
    tmuxSocket: paths.tmuxSocket,
    sshConfig: sshConfig.file,
  });
  return {
    paths,
    router,
    sessions,
    terminals,
    dispose() {
      unsubscribe();
      // Detaching ends tmux clients only: every session keeps running for the next start.
      terminals.dispose();
    },
  };
}
