import { randomBytes } from 'node:crypto';
import { lstatSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDirectory } from '../../platform/privateDirectory';
import { generateAccessToken } from './accessToken';

/**
 * What makes a serve URL stay the same across restarts: its token and its port. Both live in
 * `<MUXDECK_HOME>/serve/`, a directory checked private; the token file is the user's alone (0600).
 */
export interface ServeIdentity {
  token: string;
  /** The port the last serve listened on, to be reused when it is free. */
  rememberedPort: number | undefined;
  /** Why the token is new when it had to be replaced (never the token itself). */
  notes: string[];
}

const TOKEN_FILE = 'token';
const PORT_FILE = 'port';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const OWNER_ONLY = 0o600;

export function serveStateDirectory(home: string): string {
  return join(home, 'serve');
}

/**
 * The token of the last serve (a new one when there was none, when it was unreadable or readable by others,
 * or when `rotate` asks for it) and the port it used. A new token is written before it is returned, so the
 * URL printed is the one the next start prints too.
 */
export function loadServeIdentity(
  home: string,
  opts: { rotate: boolean; uid?: number | undefined } = { rotate: false },
): ServeIdentity {
  const dir = serveStateDirectory(home);
  const uid = 'uid' in opts ? opts.uid : process.getuid?.();
  ensurePrivateDirectory(dir, uid);
  const notes: string[] = [];
  const kept = opts.rotate ? undefined : readToken(join(dir, TOKEN_FILE), uid, notes);
  const token = kept ?? writeNewToken(dir);
  return { token, rememberedPort: readPort(join(dir, PORT_FILE)), notes };
}

export function rememberServePort(home: string, port: number): void {
  writePrivately(serveStateDirectory(home), PORT_FILE, `${port}\n`);
}

function readToken(path: string, uid: number | undefined, notes: string[]): string | undefined {
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return undefined;
  }
  const openToOthers = (stats.mode & 0o077) !== 0;
  if (!stats.isFile() || (uid !== undefined && (stats.uid !== uid || openToOthers))) {
    notes.push(
      `The saved serve token (${path}) was not a file only you can read, so it may be known to others: ` +
        'a new token replaces it.',
    );
    return undefined;
  }
  const text = readFileSync(path, 'utf8').trim();
  if (TOKEN_SHAPE.test(text)) return text;
  notes.push(`The saved serve token (${path}) was not a token Muxdeck wrote: a new token replaces it.`);
  return undefined;
}

function writeNewToken(dir: string): string {
  const token = generateAccessToken();
  writePrivately(dir, TOKEN_FILE, `${token}\n`);
  return token;
}

function readPort(path: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
  const port = Number(text);
  return /^\d+$/.test(text) && port > 0 && port <= 65535 ? port : undefined;
}

/** Written beside and renamed over, so a crash leaves the old file or the new one, never half of one. */
function writePrivately(dir: string, name: string, text: string): void {
  const temp = join(dir, `.${name}.${randomBytes(4).toString('hex')}`);
  writeFileSync(temp, text, { mode: OWNER_ONLY, flag: 'wx' });
  renameSync(temp, join(dir, name));
}
