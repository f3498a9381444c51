import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from './freePort';
import { listDescendantPids, terminateProcesses } from './processTree';
import { readSshBanner } from './sshBanner';
import { renderSshdConfig } from './sshdConfig';
import { generateEd25519Key } from './sshKeys';
import { makeTempDir, removeDir } from './tempDir';
import { waitFor } from './waitFor';

export {
  writeSshClientConfig,
  type SshClientConfigHost,
  type SshClientConfigOptions,
} from './sshClientConfig';
export { makeFakeHome, type FakeHome } from './fakeHome';

export const SSHD_PATH = '/usr/sbin/sshd';

export interface SshdOptions {
  /** Extra environment for the sshd process itself (sessions do not inherit it; use setEnv for those). */
  env?: Record<string, string>;
  /** Variables set in every session on this server, via sshd_config SetEnv. */
  setEnv?: Record<string, string>;
  /** Extra sshd_config lines; they override the defaults (see renderSshdConfig). */
  extraConfig?: readonly string[];
  readyTimeoutMs?: number;
  /**
   * Run sshd as a symlink with this name: sshd names its PAM service after its program name, so with
   * `UsePAM yes` it reads /etc/pam.d/<pamService> (see hostilePam.ts) instead of the system's sshd.
   */
  pamService?: string;
}

export interface SshdHandle {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly pid: number;
  /** Private temp dir holding keys, config, pid file. Removed by stop(). */
  readonly dir: string;
  readonly configFile: string;
  /** The only login name this server accepts: the user running the tests. */
  readonly user: string;
  readonly userKeyPath: string;
  readonly userPublicKey: string;
  /** "ssh-ed25519 AAAA..." */
  readonly hostPublicKey: string;
  /** "[127.0.0.1]:PORT ssh-ed25519 AAAA..." */
  readonly knownHostsLine: string;
  /** Everything sshd wrote to stderr (-e), including per-connection VERBOSE logs. */
  logs(): string;
  /** Stops sshd and every session process it forked, then deletes `dir`. Idempotent. */
  stop(): Promise<void>;
  /**
   * Kills sshd and every connection it serves, keeping its keys and port: to clients this is a
   * dropped network or a rebooting host. `resume()` brings it back on the same port with the same keys.
   */
  interrupt(): Promise<void>;
  resume(): Promise<void>;
}

const BIND_ATTEMPTS = 5;
const MAX_LOG_CHARS = 4 * 1024 * 1024;

/** Starts a real OpenSSH server on 127.0.0.1 that accepts the generated user key for the current user. */
export async function startSshd(options: SshdOptions = {}): Promise<SshdHandle> {
  const dir = await makeTempDir('mx-sshd-');
  try {
    await ensurePrivilegeSeparationDir();
    const user = os.userInfo().username;
    const [hostKey, userKey] = await Promise.all([
      generateEd25519Key(path.join(dir, 'host_ed25519'), 'muxdeck-test-host'),
      generateEd25519Key(path.join(dir, 'user_ed25519'), 'muxdeck-test-user'),
    ]);
    const authorizedKeysFile = path.join(dir, 'authorized_keys');
    await writeFile(authorizedKeysFile, `${userKey.publicKey}\n`, { mode: 0o600 });
    // The sessions' HOME: an empty directory, so the remote shell does not run the test user's own
    // profile and rc files (a developer's pyenv/conda init can stall every prompt, or hold a lock that a
    // killed shell leaves behind). Like a fresh account on a real host.
    const remoteHome = path.join(dir, 'home');
    await mkdir(remoteHome, { mode: 0o700 });
    const program = options.pamService ? path.join(dir, options.pamService) : SSHD_PATH;
    if (options.pamService) await symlink(SSHD_PATH, program);

    const failures: string[] = [];
    for (let attempt = 1; attempt <= BIND_ATTEMPTS; attempt += 1) {
      const port = await findFreePort();
      const configFile = path.join(dir, 'sshd_config');
      const config = renderSshdConfig({
        port,
        hostKeyPath: hostKey.privateKeyPath,
        pidFile: path.join(dir, 'sshd.pid'),
        authorizedKeysFile,
        user,
        setEnv: { HOME: remoteHome, ...options.setEnv },
        extraConfig: options.extraConfig,
      });
      await writeFile(configFile, config, { mode: 0o600 });
      const server = spawnSshd(program, configFile, dir, options.env);
      const outcome = await waitUntilListening(server, port, options.readyTimeoutMs ?? 10_000);
      if (outcome === 'ready') {
        return makeHandle({
          server,
          program,
          port,
          dir,
          configFile,
          user,
          userKeyPath: userKey.privateKeyPath,
          userPublicKey: userKey.publicKey,
          hostPublicKey: hostKey.publicKey,
        });
      }
      await stopProcessTree(server.child);
      failures.push(`attempt ${attempt} (port ${port}): ${outcome}\n${server.logs()}`);
      // Another process won the race for the port; anything else will not get better by retrying.
      if (!/Address already in use|Cannot bind any address/.test(server.logs())) break;
    }
    throw new Error(`sshd did not start:\n${failures.join('\n')}`);
  } catch (error) {
    await removeDir(dir);
    throw error;
  }
}

/**
 * As root, sshd refuses to start without its privilege separation chroot dir. Debian creates /run/sshd only
 * from the ssh.service unit, which never ran in a container. Non-root sshd skips privilege separation.
 */
async function ensurePrivilegeSeparationDir(): Promise<void> {
  if (process.getuid?.() !== 0 || process.platform !== 'linux') return;
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  await chmod('/run/sshd', 0o755);
}

interface RunningSshd {
  child: ChildProcess;
  logs(): string;
}

function spawnSshd(
  program: string,
  configFile: string,
  dir: string,
  env: Record<string, string> | undefined,
): RunningSshd {
  // -D: stay in the foreground so we own the process; -e: log to stderr instead of syslog.
  // sshd must be started by absolute path because it re-executes itself for every connection.
  const child = spawn(program, ['-D', '-e', '-f', configFile], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackForExitCleanup(child, dir);
  let log = '';
  const append = (chunk: Buffer): void => {
    if (log.length < MAX_LOG_CHARS) log += chunk.toString('utf8');
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  child.once('error', (error) => {
    log += `spawn error: ${error.message}\n`;
  });
  return { child, logs: () => log };
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null || child.pid === undefined;
}

/**
 * 'ready' once sshd logged that it listens on OUR port and that port answers with an SSH banner; the log
 * check rules out greeting some other server that grabbed the port first. Otherwise a failure description.
 */
async function waitUntilListening(server: RunningSshd, port: number, timeoutMs: number): Promise<string> {
  const listening = `Server listening on 127.0.0.1 port ${port}`;
  try {
    return await waitFor(
      async () => {
        if (hasExited(server.child)) {
          return `sshd exited (${server.child.exitCode ?? server.child.signalCode ?? 'spawn failed'})`;
        }
        if (!server.logs().includes(listening)) return undefined;
        const banner = await readSshBanner('127.0.0.1', port);
        return banner.startsWith('SSH-2.0-') ? 'ready' : undefined;
      },
      { describe: `sshd on 127.0.0.1:${port}`, timeoutMs, intervalMs: 50 },
    );
  } catch (error) {
    return (error as Error).message;
  }
}

async function stopProcessTree(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  // Sessions run in their own sessions (setsid), so they are found via parent links, snapshotted before
  // sshd dies and they are reparented away.
  const sessionPids = await listDescendantPids(child.pid);
  // 'exit', not 'close': session processes may hold sshd's stderr pipe open for longer.
  const exited = hasExited(child)
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await terminateProcesses([child.pid, ...sessionPids], 3_000);
  await exited;
  untrackForExitCleanup(child);
}

interface HandleParts {
  server: RunningSshd;
  program: string;
  port: number;
  dir: string;
  configFile: string;
  user: string;
  userKeyPath: string;
  userPublicKey: string;
  hostPublicKey: string;
}

function makeHandle(parts: HandleParts): SshdHandle {
  const { server: first, program, ...fields } = parts;
  let server = first;
  let earlierLogs = '';
  let stopping: Promise<void> | undefined;
  return {
    host: '127.0.0.1',
    ...fields,
    get pid() {
      return server.child.pid ?? -1;
    },
    knownHostsLine: `[127.0.0.1]:${parts.port} ${parts.hostPublicKey}`,
    logs: () => earlierLogs + server.logs(),
    stop() {
      stopping ??= stopProcessTree(server.child).finally(() => removeDir(parts.dir));
      return stopping;
    },
    async interrupt() {
      await stopProcessTree(server.child);
    },
    async resume() {
      if (!hasExited(server.child)) return;
      earlierLogs += server.logs();
      server = spawnSshd(program, parts.configFile, parts.dir, undefined);
      const outcome = await waitUntilListening(server, parts.port, 10_000);
      if (outcome !== 'ready')
        throw new Error(`sshd did not come back on port ${parts.port}: ${outcome}\n${server.logs()}`);
    },
  };
}

// Last resort if a test process exits without calling stop(): never leave an sshd listening, or its private
// keys on disk, behind. Only synchronous work is possible in an 'exit' listener.
const liveServers = new Map<ChildProcess, string>();

function trackForExitCleanup(child: ChildProcess, dir: string): void {
  if (liveServers.size === 0) process.once('exit', killLiveServers);
  liveServers.set(child, dir);
}

function untrackForExitCleanup(child: ChildProcess): void {
  liveServers.delete(child);
  if (liveServers.size === 0) process.removeListener('exit', killLiveServers);
}

function killLiveServers(): void {
  for (const [child, dir] of liveServers) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}
