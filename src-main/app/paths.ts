import { createHash } from 'node:crypto';
import { homedir, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Where Muxdeck keeps everything it writes. MUXDECK_HOME moves all of it (tests, portable installs). */
export interface MuxdeckPaths {
  home: string;
  tmuxSocket: string;
  /** The private socket the askpass helper asks for secrets on. */
  askpassSocket: string;
  /** The private socket `muxdeck mcp` asks a running app's user for approvals on. */
  agentApprovalSocket: string;
  logs: string;
  cache: string;
  /** Directory for Electron's own (Chromium) data, so nothing escapes MUXDECK_HOME. */
  electronData: string;
}

/** The per-user default: the same folder Electron uses as userData for product name "Muxdeck". */
export function defaultMuxdeckHome(env: NodeJS.ProcessEnv = process.env, os = platform()): string {
  if (os === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Muxdeck');
  if (os === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Muxdeck');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Muxdeck');
}

export function resolveMuxdeckHome(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.MUXDECK_HOME?.trim();
  return override ? resolve(override) : defaultMuxdeckHome(env);
}

export function electronDataDir(home: string): string {
  return join(home, 'electron');
}

/**
 * Unix socket paths are limited to ~104 bytes (macOS) / 108 (Linux). A deep MUXDECK_HOME
 * would make tmux fail with a cryptic error, so sockets then go to a short private directory.
 */
const MAX_SOCKET_PATH = 100;

/**
 * `shortSocketDir` is asked only when a socket path under MUXDECK_HOME would be too long; it must return a
 * directory private to this user (socketDirectory.ts). Socket names there carry a hash of MUXDECK_HOME, so
 * several homes can share it.
 */
export function muxdeckPaths(home: string, shortSocketDir: () => string): MuxdeckPaths {
  return {
    home,
    tmuxSocket: socketPath(home, 'tmux.sock', shortSocketDir),
    askpassSocket: socketPath(home, 'askpass.sock', shortSocketDir),
    agentApprovalSocket: socketPath(home, 'agents.sock', shortSocketDir),
    logs: join(home, 'logs'),
    cache: join(home, 'cache'),
    electronData: electronDataDir(home),
  };
}

export function homeDigest(home: string): string {
  return createHash('sha256').update(home).digest('hex').slice(0, 16);
}

function socketPath(home: string, name: string, shortSocketDir: () => string): string {
  const preferred = join(home, name);
  if (Buffer.byteLength(preferred) <= MAX_SOCKET_PATH) return preferred;
  return join(shortSocketDir(), `${homeDigest(home)}-${name}`);
}

/**
 * Every directory that holds Muxdeck's sockets (tmux, askpass, shared ssh connections): its home and,
 * when paths there would be too long, the short private socket directory. Nothing may forward a
 * socket out of them.
 */
export function muxdeckOwnDirs(paths: MuxdeckPaths): string[] {
  return [
    ...new Set([
      paths.home,
      dirname(paths.tmuxSocket),
      dirname(paths.askpassSocket),
      dirname(paths.agentApprovalSocket),
    ]),
  ];
}
