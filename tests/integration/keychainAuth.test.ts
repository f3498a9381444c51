import { execFileSync } from 'node:child_process';
import { appendFile, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src-preload/api';
import { keytarSecretStore } from '../../src-main/platform/keytarSecretStore';
import { secretAccounts, type SecretStore } from '../../src-main/secrets/secretStore';
import { startAppUnderTest, type AppUnderTest } from '../helpers/appUnderTest';
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
import { killServer, tmuxCommand, waitForPaneText } from '../helpers/tmux';

/** A passphrase per run: generated, never committed; the test looks for it where it must not be. */
const PASSPHRASE = `pp-${Math.random().toString(36).slice(2)}-${Date.now()}`;

/**
 * Keychain-backed authentication with a real Secret Service (gnome-keyring on a private D-Bus),
 * a real sshd and ssh's SSH_ASKPASS: a saved passphrase logs in without typing, an unsaved one
 * is asked in the terminal and can be saved, a wrong one is reported once, not fed in a loop.
 */
describe('keychain authentication through the askpass helper', () => {
  let secretService: SecretServiceHandle;
  let secrets: SecretStore;
  let sshd: SshdHandle;
  let fake: FakeHome;
  let home: string;
  let app: AppUnderTest;
  let socket: string;
  let lockedKey: string;

  beforeAll(async () => {
    secretService = await startSecretService();
    process.env.DBUS_SESSION_BUS_ADDRESS = secretService.busAddress;
    secrets = keytarSecretStore('Muxdeck-test');
    sshd = await startSshd();
    fake = await makeFakeHome();
    home = await makeTempDir('mx-keys-');
    lockedKey = join(fake.sshDir, 'locked_ed25519');
    const key = await generateEd25519Key(lockedKey, 'locked', PASSPHRASE);
    await appendFile(join(sshd.dir, 'authorized_keys'), `${key.publicKey}\n`);
    const block = (alias: string) =>
      [
        `Host ${alias}`,
        '  HostName 127.0.0.1',
        `  Port ${sshd.port}`,
        `  User ${sshd.user}`,
        `  IdentityFile ${lockedKey}`,
        '  IdentitiesOnly yes',
        `  UserKnownHostsFile ${fake.knownHostsFile}`,
        '  GlobalKnownHostsFile /dev/null',
        '  StrictHostKeyChecking yes',
      ].join('\n');
    await writeSshClientConfig({
      file: fake.configFile,
      hosts: [{ alias: 'box', sshd }],
      knownHostsFile: fake.knownHostsFile,
      extra: ['locked-a', 'locked-b', 'locked-c'].map(block).join('\n') + '\n',
    });
    app = await startAppUnderTest(home, fake.env, { secrets });
    socket = app.services.paths.tmuxSocket;
  });

  afterAll(async () => {
    app?.crash();
    if (home) await killServer(join(home, 'tmux.sock'));
    await sshd?.stop();
    await secretService?.stop();
    await fake?.cleanup();
    await removeDir(home);
  });

  const open = (hostId: string) => app.call<SessionInfo>('sessions:open', { hostId, cols: 100, rows: 30 });

  it('asks for an unsaved passphrase in the terminal, offers to save it, and then logs in without typing', async () => {
    const session = await open('ssh-config:locked-a');
    await waitForPaneText(socket, `=${session.id}:`, /Enter passphrase for key '.*locked_ed25519'/);
    const terminal = await app.call<{ terminalId: string }>('terminal:attach', {
      sessionId: session.id,
      cols: 100,
      rows: 30,
    });
    await app.call('terminal:input', { terminalId: terminal.terminalId, data: `${PASSPHRASE}\r` });
    await waitForPaneText(
      socket,
      `=${session.id}:`,
      /Save the passphrase for .*locked_ed25519 in the keychain\? \[y\/N\]/,
    );
    await app.call('terminal:input', { terminalId: terminal.terminalId, data: 'y\r' });
    await app.waitForSession(
      session.id,
      (s) => s?.status === 'connected',
      'connected after typing the passphrase',
    );
    expect(await secrets.get(secretAccounts.passphrase(lockedKey))).toBe(PASSPHRASE);
    // What was typed is not echoed on screen.
    expect(
      (await tmuxCommand(socket, ['capture-pane', '-p', '-S', '-', '-t', `=${session.id}:`])).stdout,
    ).not.toContain(PASSPHRASE);

    // Another host using the same key: the saved passphrase is used, nobody types.
    const second = await open('ssh-config:locked-b');
    await app.waitForSession(
      second.id,
      (s) => s?.status === 'connected',
      'connected with the saved passphrase',
    );
    const screen = (await tmuxCommand(socket, ['capture-pane', '-p', '-t', `=${second.id}:`])).stdout;
    expect(screen).not.toMatch(/Enter passphrase/);
  });

  it('leaves no secret in any file under MUXDECK_HOME, in the process list or in tmux', async () => {
    expect(await filesContaining(home, PASSPHRASE)).toEqual([]);
    const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    expect(processes).not.toContain(PASSPHRASE);
    const tmuxEnv = (await tmuxCommand(socket, ['show-environment', '-g'])).stdout;
    expect(tmuxEnv).not.toContain(PASSPHRASE);
    expect(tmuxEnv).toMatch(/^SSH_ASKPASS_REQUIRE=force$/m);
  });

  it('reports a wrong saved passphrase as an auth error, once, without looping', async () => {
    await secrets.set(secretAccounts.passphrase(lockedKey), 'not-the-passphrase');
    const session = await open('ssh-config:locked-c');
    const failed = await app.waitForSession(
      session.id,
      (s) => s?.status === 'error',
      'the rejected passphrase reported',
    );
    expect(failed?.reason).toMatch(/saved passphrase for .*locked_ed25519 was rejected/);
    expect(failed?.reconnect).toBeUndefined();
    await secrets.set(secretAccounts.passphrase(lockedKey), PASSPHRASE);
  });
});

async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (!info) continue;
    if (info.isDirectory()) found.push(...(await filesContaining(path, needle)));
    else if (info.isFile() && (await readFile(path, 'utf8').catch(() => '')).includes(needle))
      found.push(path);
  }
  return found;
}
