import { randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProcessAlive, listDescendantPids } from '../helpers/processTree';
import { runCommand } from '../helpers/runCommand';
import { readSshBanner } from '../helpers/sshBanner';
import {
  type FakeHome,
  type SshdHandle,
  makeFakeHome,
  startSshd,
  writeSshClientConfig,
} from '../helpers/sshd';
import { makeTempDir, removeDir, socketPathIn } from '../helpers/tempDir';
import { killServer, sendLine, serverPid, tmuxOk, waitForPaneText } from '../helpers/tmux';
import { waitFor } from '../helpers/waitFor';

// Proves the harness itself against real sshd, ssh and tmux, so failures elsewhere can be trusted to be
// about Muxdeck and not about the test plumbing.
describe('real-component harness', () => {
  const TIMEOUT_MS = 30_000;
  const ALIAS = 'mx-test-host';
  let sshd: SshdHandle | undefined;
  let home: FakeHome | undefined;
  let tmuxDir: string | undefined;
  let tmuxSocket = '';

  beforeAll(async () => {
    sshd = await startSshd();
    home = await makeFakeHome();
    await writeSshClientConfig({
      file: home.configFile,
      hosts: [{ alias: ALIAS, sshd }],
      knownHostsFile: home.knownHostsFile,
    });
    tmuxDir = await makeTempDir('mx-tmux-');
    tmuxSocket = socketPathIn(tmuxDir, 'tmux.sock');
  }, TIMEOUT_MS);

  // Runs even when a test failed half-way; every step tolerates "already done".
  afterAll(async () => {
    if (tmuxSocket) await killServer(tmuxSocket).catch(() => undefined);
    await sshd?.stop();
    await home?.cleanup();
    if (tmuxDir) await removeDir(tmuxDir);
  }, TIMEOUT_MS);

  function setup(): { sshd: SshdHandle; home: FakeHome } {
    if (!sshd || !home) throw new Error('beforeAll did not finish');
    return { sshd, home };
  }

  it(
    'runs a command over ssh with host key checking on and no prompt',
    async () => {
      const { sshd, home } = setup();
      const marker = `hello-${randomUUID().slice(0, 8)}`;

      const result = await runCommand('ssh', ['-F', home.configFile, ALIAS, '--', 'echo', marker], {
        env: home.env,
      });

      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${marker}\n`);
      expect(sshd.logs()).toMatch(new RegExp(`Accepted publickey for ${sshd.user} from 127\\.0\\.0\\.1`));
      expect(await readSshBanner(sshd.host, sshd.port)).toMatch(/^SSH-2\.0-OpenSSH_/);
    },
    TIMEOUT_MS,
  );

  it(
    'drives an interactive ssh session inside a private tmux server',
    async () => {
      const { sshd, home } = setup();
      const sessionsBefore = countShellSessions(sshd.logs());
      await tmuxOk(
        tmuxSocket,
        ['new-session', '-d', '-s', 't', '-x', '120', '-y', '30', '--', 'ssh', '-F', home.configFile, ALIAS],
        { env: home.env },
      );
      // Typing before the remote shell exists would be swallowed or echoed twice; wait for sshd's word.
      await waitFor(() => countShellSessions(sshd.logs()) > sessionsBefore, {
        describe: 'sshd to start an interactive shell session',
      });

      // The shell echoes what we type, so wait for the computed OUTPUT, not the typed text.
      await sendLine(tmuxSocket, 't', 'echo ok-marker-$((6*7))');
      const pane = await waitForPaneText(tmuxSocket, 't', /^ok-marker-42$/m);
      expect(pane).toContain('echo ok-marker-$((6*7))');

      const sideEffectFile = path.join(home.home, `touched-${randomUUID().slice(0, 8)}`);
      await sendLine(tmuxSocket, 't', `touch ${sideEffectFile}`);
      await waitFor(() => access(sideEffectFile).then(() => true), {
        describe: `${sideEffectFile} to be created through the ssh session`,
      });
    },
    TIMEOUT_MS,
  );

  it(
    'stop() ends sshd and its live sessions, which ends the tmux server too',
    async () => {
      const { sshd } = setup();
      const tmuxPid = await serverPid(tmuxSocket);
      expect(tmuxPid).toBeTypeOf('number');
      const sessionPids = await listDescendantPids(sshd.pid);
      expect(sessionPids.length).toBeGreaterThan(0);

      await sshd.stop();

      expect(isProcessAlive(sshd.pid)).toBe(false);
      expect(sessionPids.filter(isProcessAlive)).toEqual([]);
      await expect(readSshBanner(sshd.host, sshd.port)).rejects.toThrow();
      // The pane's ssh lost its connection, the only session closed, so tmux exits on its own.
      await waitFor(() => tmuxPid !== undefined && !isProcessAlive(tmuxPid), {
        describe: `tmux server ${tmuxPid} to exit after its only pane's ssh was disconnected`,
      });
      await killServer(tmuxSocket);
    },
    TIMEOUT_MS,
  );
});

function countShellSessions(logs: string): number {
  return logs.match(/Starting session: shell on /g)?.length ?? 0;
}
