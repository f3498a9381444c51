import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeDigest } from '../../src-main/app/paths';
import { SOCKET_DIRECTORY_RECORD } from '../../src-main/app/socketDirectory';
import { UnsafeDirectoryError } from '../../src-main/platform/privateDirectory';
import { startAppUnderTest } from '../helpers/appUnderTest';
import { startServe } from '../helpers/serveProcess';
import { waitFor } from '../helpers/waitFor';
import { makeFakeHome, type FakeHome } from '../helpers/fakeHome';
import { runCommand, runCommandOk } from '../helpers/runCommand';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { canCreateUsers, createTestUser, type TestUser } from '../helpers/testUser';
import { killServer } from '../helpers/tmux';

/**
 * Security review (issue 11) finding 4, performed for real: another local account prepares the directory
 * where Muxdeck (here root, the victim) will look for its tmux socket — 0777, with the attacker's own tmux
 * server listening at the expected path — before Muxdeck starts. Whoever serves that socket reads every
 * keystroke and the askpass token. Muxdeck must refuse or go elsewhere, and never connect to it: the
 * attacker's tmux runs with -v, whose server log names every client that connects.
 */

const BIN = resolve(__dirname, '../../bin/muxdeck.mjs');

interface PlantedServer {
  socket: string;
  /** Clients that connected to the attacker's server since it was planted (its own setup excluded). */
  newClients(): Promise<number>;
  stop(): Promise<void>;
}

// Needs root on Linux to create the attacker's account (CI runs as root); elsewhere it cannot run.
describe.skipIf(!canCreateUsers)('another local user cannot slip Muxdeck their tmux server', () => {
  let attacker: TestUser;
  let attackerIds: string[];
  let fake: FakeHome;
  let victimRoot: string;
  let sharedTmp: string;
  const planted: PlantedServer[] = [];

  const asAttacker = (args: string[], cwd = attacker.home) =>
    runCommandOk('setpriv', [...attackerIds, '--clear-groups', '--', ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: attacker.home },
    });

  /** The attacker makes `dir` 0777 (unless it is someone else's, already open) and starts tmux at `socket`. */
  async function plantTmuxServer(dir: string, socket: string, makeDir = true): Promise<PlantedServer> {
    if (makeDir) {
      await asAttacker(['mkdir', '-p', dir]);
      await asAttacker(['chmod', '0777', dir]);
    }
    const logs = join(attacker.home, `logs-${planted.length}`);
    await asAttacker(['mkdir', logs]);
    await asAttacker(
      ['tmux', '-v', '-S', socket, '-f', '/dev/null', 'new-session', '-d', '-s', 'bait'],
      logs,
    );
    const clients = async () => {
      const serverLog = (await readdir(logs)).find((name) => name.startsWith('tmux-server-'));
      const text = serverLog ? await readFile(join(logs, serverLog), 'utf8') : '';
      return text.split('\n').filter((line) => line.includes(' new client ')).length;
    };
    const baseline = await clients();
    const server: PlantedServer = {
      socket,
      newClients: async () => (await clients()) - baseline,
      stop: () => asAttacker(['tmux', '-S', socket, 'kill-server'], logs).then(() => undefined),
    };
    planted.push(server);
    return server;
  }

  /** The victim's environment: its own HOME, the shared temp dir, no XDG_RUNTIME_DIR to fall back on. */
  const victimEnv = (home: string): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = {
      ...fake.env,
      TMPDIR: sharedTmp,
      MUXDECK_HOME: home,
      MUXDECK_LOG: 'quiet',
    };
    delete env.XDG_RUNTIME_DIR;
    return env;
  };

  beforeAll(async () => {
    attacker = await createTestUser();
    const uid = (await runCommandOk('id', ['-u', attacker.name])).stdout.trim();
    const gid = (await runCommandOk('id', ['-g', attacker.name])).stdout.trim();
    attackerIds = ['--reuid', uid, '--regid', gid];
    fake = await makeFakeHome();
    victimRoot = await makeTempDir('mx-victim-');
    // Like /tmp: everyone may create entries, only their owner may remove them.
    sharedTmp = await makeTempDir('mx-tmp-');
    await chmod(sharedTmp, 0o1777);
  });

  afterAll(async () => {
    for (const server of planted) await server.stop().catch(() => undefined);
    await attacker?.remove();
    await fake?.cleanup();
    await removeDir(victimRoot);
    await removeDir(sharedTmp);
  });

  it('a long MUXDECK_HOME: a 0777 $TMPDIR/muxdeck-<uid> with their server in it is passed over', async () => {
    const home = join(victimRoot, 'h'.repeat(100));
    const trap = join(sharedTmp, `muxdeck-${process.getuid?.()}`);
    // Where the socket used to go: the attacker can compute it from the home path.
    const bait = await plantTmuxServer(trap, join(trap, `${homeDigest(home)}-tmux.sock`));

    // The real `muxdeck serve`, as the victim starts it: it lists and sets up its tmux server at start.
    const serve = await startServe(victimEnv(home));
    try {
      const socketDir = (await readFile(join(home, SOCKET_DIRECTORY_RECORD), 'utf8')).trim();
      expect(socketDir.startsWith(`${trap}/`) || socketDir === trap).toBe(false);
      const info = await stat(socketDir);
      expect({ uid: info.uid, mode: info.mode & 0o777 }).toEqual({ uid: process.getuid?.(), mode: 0o700 });
      // The askpass socket (whose token the attacker's tmux would have read) is Muxdeck's, in its own directory.
      await waitFor(() => existsSync(join(socketDir, `${homeDigest(home)}-askpass.sock`)), {
        describe: "Muxdeck's askpass socket in its own directory",
        timeoutMs: 15_000,
      });
      expect(await bait.newClients()).toBe(0);
    } finally {
      await serve.stop();
      const socketDir = (await readFile(join(home, SOCKET_DIRECTORY_RECORD), 'utf8').catch(() => '')).trim();
      if (socketDir) await killServer(join(socketDir, `${homeDigest(home)}-tmux.sock`));
    }
  });

  it('a MUXDECK_HOME the attacker created (0777, their server at tmux.sock): `muxdeck serve` refuses and says why', async () => {
    const home = join(sharedTmp, 'shared-muxdeck');
    const bait = await plantTmuxServer(home, join(home, 'tmux.sock'));

    const serve = await runCommand(process.execPath, [BIN, 'serve'], {
      env: victimEnv(home),
      timeoutMs: 20_000,
    });
    expect(serve.code).toBe(1);
    expect(serve.stdout).not.toContain('serving at');
    expect(serve.stderr).toContain(`Muxdeck will not use ${home}: it belongs to another user`);
    expect(serve.stderr).toMatch(/Remove it .* or point MUXDECK_HOME elsewhere/);
    expect(await bait.newClients()).toBe(0);
  });

  it("the victim's own MUXDECK_HOME left 0777, where the attacker planted a server: refused, not tightened", async () => {
    const home = join(sharedTmp, 'careless-home');
    await mkdir(home);
    await chmod(home, 0o777);
    const bait = await plantTmuxServer(home, join(home, 'tmux.sock'), false);

    await expect(startAppUnderTest(home, victimEnv(home))).rejects.toThrow(UnsafeDirectoryError);
    await expect(startAppUnderTest(home, victimEnv(home))).rejects.toThrow(
      `Muxdeck will not use ${home}: other users can write to it (mode 0777)`,
    );
    expect((await stat(home)).mode & 0o777).toBe(0o777);
    expect(await bait.newClients()).toBe(0);
  });

  it("an AD-style home with '@': ssh's ControlPath directory is never the attacker's 0777 one", async () => {
    const home = join(victimRoot, 'CORP@ad', 'home');
    const trap = join(sharedTmp, `muxdeck-${process.getuid?.()}`);
    // Already planted by the first test, or planted now: either way 0777 and the attacker's.
    await asAttacker(['mkdir', '-p', trap]);
    await asAttacker(['chmod', '0777', trap]);
    const trapCm = join(trap, `cm-${createHash('sha256').update(home).digest('hex').slice(0, 8)}`);
    await asAttacker(['mkdir', '-m', '0777', trapCm]);

    const app = await startAppUnderTest(home, victimEnv(home));
    try {
      const chosen = (await readFile(join(home, SOCKET_DIRECTORY_RECORD), 'utf8')).trim();
      expect(chosen.startsWith(`${trap}/`) || chosen === trap).toBe(false);
      const info = await stat(
        join(chosen, `cm-${createHash('sha256').update(home).digest('hex').slice(0, 8)}`),
      );
      expect({ uid: info.uid, mode: info.mode & 0o777 }).toEqual({ uid: process.getuid?.(), mode: 0o700 });
      expect(await readdir(trapCm)).toEqual([]);
    } finally {
      app.crash();
      await killServer(app.services.paths.tmuxSocket);
    }
  });
});
