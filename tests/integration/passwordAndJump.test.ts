import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src-preload/api';
import { keytarSecretStore } from '../../src-main/platform/keytarSecretStore';
import { secretAccounts, type SecretStore } from '../../src-main/secrets/secretStore';
import { startAppUnderTest, type AppUnderTest } from '../helpers/appUnderTest';
import { startSecretService, type SecretServiceHandle } from '../helpers/secretService';
import {
  makeFakeHome,
  startSshd,
  writeSshClientConfig,
  type FakeHome,
  type SshdHandle,
} from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { canCreateUsers, createTestUser, type TestUser } from '../helpers/testUser';
import { killServer, waitForPaneText } from '../helpers/tmux';

/**
 * Two real sshd "hosts": `outer` takes keys, `inner` also takes a password from a throwaway
 * account and is reached through `outer` as a jump host. Passwords come from a real keychain.
 * Creating the account needs root, which CI has; elsewhere the suite cannot run (and says so).
 */
describe.skipIf(!canCreateUsers)('password logins from the keychain, and ProxyJump', () => {
  let secretService: SecretServiceHandle;
  let secrets: SecretStore;
  let outer: SshdHandle;
  let inner: SshdHandle;
  let user: TestUser;
  let fake: FakeHome;
  let home: string;
  let app: AppUnderTest;
  let socket: string;

  beforeAll(async () => {
    secretService = await startSecretService();
    process.env.DBUS_SESSION_BUS_ADDRESS = secretService.busAddress;
    secrets = keytarSecretStore('Muxdeck-test-pw');
    user = await createTestUser();
    outer = await startSshd();
    inner = await startSshd({ extraConfig: ['PasswordAuthentication yes', `AllowUsers ${user.name}`] });
    fake = await makeFakeHome();
    home = await makeTempDir('mx-pw-');
    const common = [
      '  HostName 127.0.0.1',
      `  Port ${inner.port}`,
      `  UserKnownHostsFile ${fake.knownHostsFile}`,
      '  GlobalKnownHostsFile /dev/null',
      '  StrictHostKeyChecking yes',
    ];
    await writeSshClientConfig({
      file: fake.configFile,
      hosts: [
        { alias: 'outer', sshd: outer },
        { alias: 'inner-direct', sshd: inner },
      ],
      knownHostsFile: fake.knownHostsFile,
      extra: [
        ...['pw', 'pw-typed', 'pw-wrong'].flatMap((alias) => [
          `Host ${alias}`,
          ...common,
          `  User ${user.name}`,
          '  PubkeyAuthentication no',
          '  PreferredAuthentications password',
        ]),
        'Host inner-via-jump',
        ...common,
        `  User ${inner.user}`,
        `  IdentityFile ${inner.userKeyPath}`,
        '  IdentitiesOnly yes',
        '  ProxyJump outer',
        '',
      ].join('\n'),
    });
    app = await startAppUnderTest(home, fake.env, { secrets });
    socket = app.services.paths.tmuxSocket;
  });

  afterAll(async () => {
    app?.crash();
    if (home) await killServer(join(home, 'tmux.sock'));
    await inner?.stop();
    await outer?.stop();
    await user?.remove();
    await secretService?.stop();
    await fake?.cleanup();
    await removeDir(home);
  });

  const open = (hostId: string) => app.call<SessionInfo>('sessions:open', { hostId, cols: 100, rows: 30 });

  it('logs in with the saved password without typing', async () => {
    await secrets.set(secretAccounts.password('ssh-config:pw'), user.password);
    const session = await open('ssh-config:pw');
    await app.waitForSession(
      session.id,
      (s) => s?.status === 'connected',
      'password login from the keychain',
    );
    const terminal = await app.call<{ terminalId: string }>('terminal:attach', {
      sessionId: session.id,
      cols: 100,
      rows: 30,
    });
    // Typed once the remote shell shows its prompt, as a user would.
    await waitForPaneText(socket, `=${session.id}:`, /[$#] ?$/m);
    await app.call('terminal:input', { terminalId: terminal.terminalId, data: 'echo I am $(id -un)\r' });
    await waitForPaneText(socket, `=${session.id}:`, new RegExp(`^I am ${user.name}$`, 'm'));
  });

  it('asks in the terminal when no password is saved, and saves it when the user says so', async () => {
    const session = await open('ssh-config:pw-typed');
    await waitForPaneText(socket, `=${session.id}:`, new RegExp(`${user.name}@127\\.0\\.0\\.1's password:`));
    const terminal = await app.call<{ terminalId: string }>('terminal:attach', {
      sessionId: session.id,
      cols: 100,
      rows: 30,
    });
    await app.call('terminal:input', { terminalId: terminal.terminalId, data: `${user.password}\r` });
    await waitForPaneText(
      socket,
      `=${session.id}:`,
      /Save the password for pw-typed in the keychain\? \[y\/N\]/,
    );
    await app.call('terminal:input', { terminalId: terminal.terminalId, data: 'y\r' });
    await app.waitForSession(
      session.id,
      (s) => s?.status === 'connected',
      'connected with the typed password',
    );
    expect(await secrets.get(secretAccounts.password('ssh-config:pw-typed'))).toBe(user.password);
  });

  it('reports a wrong saved password as auth failed instead of retrying it', async () => {
    await secrets.set(secretAccounts.password('ssh-config:pw-wrong'), 'wrong-password');
    const session = await open('ssh-config:pw-wrong');
    const failed = await app.waitForSession(
      session.id,
      (s) => s?.status === 'error',
      'auth failure reported',
    );
    expect(failed?.reason).toBe(
      'The saved password for pw-wrong was rejected; update it in the keychain or type it in the terminal.',
    );
    expect(failed?.reconnect).toBeUndefined();
    const attempts = (inner.logs().match(new RegExp(`Failed password for ${user.name}`, 'g')) ?? []).length;
    expect(attempts).toBe(1);
  });

  it('reaches a host through its ProxyJump, and cannot when the jump host is down', async () => {
    const session = await open('ssh-config:inner-via-jump');
    await app.waitForSession(session.id, (s) => s?.status === 'connected', 'connected through the jump host');
    expect(outer.logs()).toMatch(/Accepted publickey for /);

    await outer.interrupt();
    const viaDeadJump = await open('ssh-config:inner-via-jump');
    // The first session's master still serves new panes; close it so the next one needs the jump.
    await app.call('sessions:close', { sessionId: session.id });
    await app.call('sessions:close', { sessionId: viaDeadJump.id });
    const { rmSync, readdirSync } = await import('node:fs');
    for (const socketFile of readdirSync(app.services.paths.home + '/cm')) {
      rmSync(join(app.services.paths.home, 'cm', socketFile), { force: true });
    }
    const blocked = await open('ssh-config:inner-via-jump');
    // Never connected: "could not connect" through the jump host, not retried. (With ControlPersist, ssh
    // sends the jump ssh's own stderr to /dev/null: only the outer ssh's line is left to tell.)
    const down = await app.waitForSession(blocked.id, (s) => s?.status === 'error', 'jump host refused');
    expect(down?.ending).toMatchObject({ kind: 'connect-failed', cause: 'jump' });
    expect(down?.reason).toBe('Jump host failed: Connection closed by UNKNOWN port 65535');
    expect(down?.reconnect).toBeUndefined();
    await outer.resume();
    await app.call('sessions:reconnect', { sessionId: blocked.id });
    await app.waitForSession(
      blocked.id,
      (s) => s?.status === 'connected',
      'connected once the jump host is back',
      30_000,
    );
  });
});
