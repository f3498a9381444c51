import { createHash } from 'node:crypto';
import { homedir, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Where Muxdeck keeps everything it writes. MUXDECK_HOME moves all of it (tests, portable installs). */
export interface MuxdeckPaths {
  home: string;
  tmuxSocket: string;
  /** The private socket the askpass helper asks for secrets on. */
  askpassSocket: string;
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

/**
 * Unix socket paths are limited to ~104 bytes (macOS) / 108 (Linux). A deep MUXDECK_HOME
 * would make tmux fail with a cryptic error, so fall back to a short, per-home, per-user path.
 */
const MAX_SOCKET_PATH = 100;

export function muxdeckPaths(home: string): MuxdeckPaths {
  return {
    home,
    tmuxSocket: shortSocketPath(home, 'tmux.sock'),
    askpassSocket: shortSocketPath(home, 'askpass.sock'),
    logs: join(home, 'logs'),
    cache: join(home, 'cache'),
    electronData: join(home, 'electron'),
  };
}

/**
 * Every directory that holds Muxdeck's sockets (tmux, askpass, shared ssh connections): its home and the
 * short per-user fallback under the temp directory. Nothing may forward a socket out of them.
 */
export function muxdeckOwnDirs(paths: MuxdeckPaths): string[] {
  const fallback = join(tmpdir(), `muxdeck-${userInfo().uid}`);
  return [...new Set([paths.home, dirname(paths.tmuxSocket), dirname(paths.askpassSocket), fallback])];
}

function shortSocketPath(home: string, name: string): string {
  const preferred = join(home, name);
  if (Buffer.byteLength(preferred) <= MAX_SOCKET_PATH) return preferred;
  const digest = createHash('sha256').update(home).digest('hex').slice(0, 16);
  return join(tmpdir(), `muxdeck-${userInfo().uid}`, `${digest}-${name}`);
}
