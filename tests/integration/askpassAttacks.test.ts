import { randomBytes } from 'node:crypto';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src-preload/api';
import { keytarSecretStore } from '../../src-main/platform/keytarSecretStore';
import { secretAccounts, type SecretStore } from '../../src-main/secrets/secretStore';
import { startAppUnderTest, type AppUnderTest } from '../helpers/appUnderTest';
import { canRunHostilePam, installHostilePam, type HostilePam } from '../helpers/hostilePam';
import { runCommand } from '../helpers/runCommand';
import { startSecretService, type SecretServiceHandle } from '../helpers/secretService';
import { generateEd25519Key } from '../helpers/sshKeys';
import {
  makeFakeHome,
  startSshd,
  writeSshClientConfig,
  type FakeHome,
  type SshdHandle,
} from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer, tmuxOk, waitForPaneText } from '../helpers/tmux';
import { waitFor } from '../helpers/waitFor';

/** Generated per run, never committed: the tests look for them where they must not be. */
const PASSPHRASE = `pp-${randomBytes(9).toString('base64url')}`;
const PASSWORD = `pw-${randomBytes(9).toString('base64url')}`;
const FORGED_HELPER = resolve(__dirname, '../fixtures/askpass/forgedHelper.cjs');

/**
 * Security review, issue 11: the askpass broker must not hand saved secrets to a server that asks
 * for them by keyboard-interactive (finding 1), nor to a local caller that holds the token but is
 * not a helper the session's ssh ran (finding 10). Real sshd, real ssh, real Secret Service.
 */
describe('askpass attacks', () => {
  let secretService: SecretServiceHandle;
  let secrets: SecretStore;
  let sshd: SshdHandle;
  let hostile: SshdHandle | undefined;
  let pam: HostilePam | undefined;
  let fake: FakeHome;
  let home: string;
  let work: string;
  let app: AppUnderTest;
  let socket: string;
  let lockedKey: string;

  beforeAll(async () => {
    secretService = await startSecretService();
    process.env.DBUS_SESSION_BUS_ADDRESS = secretService.busAddress;
    secrets = keytarSecretStore(`Muxdeck-test-attacks-${randomBytes(3).toString('hex')}`);
    sshd = await startSshd();
    fake = await makeFakeHome();
    home = await makeTempDir('mx-atk-');
    work = await makeTempDir('mx-atkw-');
    lockedKey = join(fake.sshDir, 'locked_ed25519');
    const key = await generateEd25519Key(lockedKey, 'locked', PASSPHRASE);
    await appendFile(join(sshd.dir, 'authorized_keys'), `${key.publicKey}\n`);

    const hosts = [{ alias: 'box', sshd }];
    const blocks = [
      'Host locked',
      '  HostName 127.0.0.1',
      `  Port ${sshd.port}`,
      `  User ${sshd.user}`,
      `  IdentityFile ${lockedKey}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${fake.knownHostsFile}`,
      '  GlobalKnownHostsFile /dev/null',
      '  StrictHostKeyChecking yes',
    ];
    if (canRunHostilePam) {
      // The hostile server words its keyboard-interactive questions exactly as ssh words its own.
      pam = await installHostilePam(work, [
        `Enter passphrase for key '${lockedKey}': `,
        `${sshd.user}@127.0.0.1's password: `,
      ]);
      hostile = await startSshd({
        pamService: pam.service,
        extraConfig: [
          'UsePAM yes',
          'KbdInteractiveAuthentication yes',
          'AuthenticationMethods keyboard-interactive',
          // Otherwise sshd swaps root's answers for a decoy before PAM sees them.
          'PermitRootLogin yes',
        ],
      });
      hosts.push({ alias: 'hostile-known', sshd: hostile });
      blocks.push(
        'Host hostile',
        '  HostName 127.0.0.1',
        `  Port ${hostile.port}`,
        `  User ${hostile.user}`,
        // The very key the question names is one ssh -G lists: only the prompt's origin tells them apart.
        `  IdentityFile ${lockedKey}`,
        '  IdentitiesOnly yes',
        '  PreferredAuthentications keyboard-interactive',
        `  UserKnownHostsFile ${fake.knownHostsFile}`,
        '  GlobalKnownHostsFile /dev/null',
        '  StrictHostKeyChecking yes',
      );
    }
    await writeSshClientConfig({
      file: fake.configFile,
      hosts,
      knownHostsFile: fake.knownHostsFile,
      extra: `${blocks.join('\n')}\n`,
    });
    await secrets.set(secretAccounts.passphrase(lockedKey), PASSPHRASE);
    await secrets.set(secretAccounts.password('ssh-config:hostile'), PASSWORD);
    app = await startAppUnderTest(home, fake.env, { secrets });
    socket = app.services.paths.tmuxSocket;
  });

  afterAll(async () => {
    app?.crash();
    if (home) await killServer(join(home, 'tmux.sock'));
    await hostile?.stop();
    await pam?.remove();
    await sshd?.stop();
    await secrets?.delete(secretAccounts.passphrase(lockedKey)).catch(() => false);
    await secrets?.delete(secretAccounts.password('ssh-config:hostile')).catch(() => false);
    await secretService?.stop();
    await fake?.cleanup();
    await removeDir(home);
    await removeDir(work);
  });

  const open = (hostId: string) => app.call<SessionInfo>('sessions:open', { hostId, cols: 120, rows: 30 });

  // Needs root (a PAM service file in /etc/pam.d) and gcc, which CI has; elsewhere it cannot run.
  it.skipIf(!canRunHostilePam)(
    'sends nothing saved to a server that asks for a passphrase and a password by keyboard-interactive',
    async () => {
      const session = await open('ssh-config:hostile');
      const target = `=${session.id}:`;
      // Either Muxdeck leaves the question to the user (the prompt shows in the pane), or it
      // answered by itself (the server has an answer nobody typed). Stop at whichever comes first.
      await waitFor(
        async () =>
          (await pam?.answers())?.length ||
          /\) Enter passphrase for key '.*locked_ed25519': *$/m.test(
            await tmuxOk(socket, ['capture-pane', '-p', '-J', '-t', target]),
          ),
        { describe: 'the hostile question asked in the pane, or answered', timeoutMs: 15_000 },
      );
      expect(await pam?.answers()).toEqual([]);
      const terminal = await app.call<{ terminalId: string }>('terminal:attach', {
        sessionId: session.id,
        cols: 120,
        rows: 30,
      });
      await app.call('terminal:input', { terminalId: terminal.terminalId, data: 'typed-1\r' });
      await waitForPaneText(
        socket,
        target,
        new RegExp(`\\) ${sshd.user}@127\\.0\\.0\\.1's password: *$`, 'm'),
      );
      await app.call('terminal:input', { terminalId: terminal.terminalId, data: 'typed-2\r' });
      await waitFor(async () => ((await pam?.answers())?.length ?? 0) >= 2, {
        describe: 'both answers reached the server',
        timeoutMs: 10_000,
      });
      // The server got what the user typed, and nothing else; no offer to save a server's question.
      expect(await pam?.answers()).toEqual(['typed-1', 'typed-2']);
      const screen = await tmuxOk(socket, ['capture-pane', '-p', '-J', '-S', '-', '-t', target]);
      expect(screen).not.toMatch(/Save the/);
      expect(await secrets.get(secretAccounts.passphrase(lockedKey))).toBe(PASSPHRASE);
      expect(await secrets.get(secretAccounts.password('ssh-config:hostile'))).toBe(PASSWORD);
    },
  );

  describe('forged callers holding the token', () => {
    let session: SessionInfo;
    let token: string;
    let sessionSshPid: number;
    const passphrasePrompt = () => `Enter passphrase for key '${lockedKey}': `;

    beforeAll(async () => {
      // The legitimate path first: the session's own ssh gets the saved passphrase, nobody types.
      session = await open('ssh-config:locked');
      await app.waitForSession(
        session.id,
        (s) => s?.status === 'connected',
        'connected with the saved passphrase',
      );
      const variable = await tmuxOk(socket, ['show-environment', '-g', 'MUXDECK_ASKPASS_TOKEN']);
      token = variable.trim().replace(/^MUXDECK_ASKPASS_TOKEN=/, '');
      sessionSshPid = Number(
        await tmuxOk(socket, ['display-message', '-p', '-t', `=${session.id}:`, '#{pane_pid}']),
      );
      expect(token.length).toBeGreaterThan(20);
      expect(sessionSshPid).toBeGreaterThan(1);
    });

    /** Runs the forged helper as a child of the test (or of `via`), and returns Muxdeck's reply. */
    async function forge(
      request: Record<string, unknown>,
      via: (helper: readonly string[]) => Promise<unknown> = (helper) => runCommand(process.execPath, helper),
    ): Promise<Record<string, unknown>> {
      const name = randomBytes(4).toString('hex');
      const requestFile = join(work, `request-${name}.json`);
      const replyFile = join(work, `reply-${name}.json`);
      await writeFile(requestFile, JSON.stringify({ token, session: session.id, ...request }));
      await via([FORGED_HELPER, app.services.paths.askpassSocket, requestFile, replyFile]);
      const reply = await readFile(replyFile, 'utf8');
      expect(reply.includes(PASSPHRASE), 'the saved passphrase in the reply').toBe(false);
      return JSON.parse(reply) as Record<string, unknown>;
    }

    it('gives nothing to a made-up sshPid', async () => {
      const reply = await forge({ prompt: passphrasePrompt(), sshPid: 4_000_000 + (process.pid % 100_000) });
      expect(reply).toEqual({ kind: 'refuse', reason: 'Not authorised.' });
    });

    it("gives nothing to a caller that names the session's real ssh but is not its child", async () => {
      const reply = await forge({ prompt: passphrasePrompt(), sshPid: sessionSshPid });
      expect(reply).toEqual({ kind: 'refuse', reason: 'Not authorised.' });
    });

    it("gives nothing to the child of an ssh that is not the session's", async () => {
      // A real ssh runs the forged helper (as its ProxyCommand), which then truthfully names it.
      const viaOtherSsh = (helper: readonly string[]) =>
        runCommand('ssh', [
          '-F',
          '/dev/null',
          '-o',
          `ProxyCommand=${[process.execPath, ...helper].map((a) => `'${a}'`).join(' ')}`,
          '-o',
          'BatchMode=yes',
          '--',
          'forged.invalid',
        ]);
      const reply = await forge({ prompt: passphrasePrompt(), sshPid: 'parent' }, viaOtherSsh);
      expect(reply).toEqual({ kind: 'refuse', reason: 'Not authorised.' });
    });

    it('cannot overwrite a keychain entry', async () => {
      for (const sshPid of [4_000_001, sessionSshPid]) {
        const reply = await forge({ prompt: passphrasePrompt(), sshPid, save: 'attacker-chosen' });
        expect(reply).toEqual({ kind: 'saved', saved: false });
      }
      expect(await secrets.get(secretAccounts.passphrase(lockedKey))).toBe(PASSPHRASE);
      // Refusing the forgeries did not count against the real session.
      expect((await app.session(session.id))?.status).toBe('connected');
    });
  });
});
