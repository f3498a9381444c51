import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { terminateProcesses } from './processTree';
import { runCommand } from './runCommand';
import { makeTempDir, removeDir } from './tempDir';
import { waitFor } from './waitFor';

export interface SecretServiceHandle {
  /** DBUS_SESSION_BUS_ADDRESS of the private bus the keyring serves on. */
  busAddress: string;
  stop(): Promise<void>;
}

/**
 * A real Secret Service for keytar: a private D-Bus session bus and gnome-keyring-daemon,
 * its login keyring created and unlocked with a throwaway password, all in a temp dir.
 * Set process.env.DBUS_SESSION_BUS_ADDRESS to busAddress before keytar's first call.
 */
export async function startSecretService(): Promise<SecretServiceHandle> {
  const dir = await makeTempDir('mx-keyring-');
  const runtime = join(dir, 'run');
  await mkdir(runtime, { mode: 0o700 });
  const busAddress = `unix:path=${join(dir, 'bus')}`;
  const env = { ...process.env, HOME: dir, XDG_RUNTIME_DIR: runtime, DBUS_SESSION_BUS_ADDRESS: busAddress };

  const bus = spawn('dbus-daemon', ['--session', '--nofork', `--address=${busAddress}`, '--print-address'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let busOutput = '';
  bus.stdout?.on('data', (chunk: Buffer) => (busOutput += chunk.toString()));
  await waitFor(() => busOutput.includes('unix:path='), {
    timeoutMs: 10_000,
    describe: 'the private D-Bus to start',
  });

  const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let keyringOutput = '';
  keyring.stdout?.on('data', (chunk: Buffer) => (keyringOutput += chunk.toString()));
  keyring.stderr?.on('data', (chunk: Buffer) => (keyringOutput += chunk.toString()));
  keyring.stdin?.end('muxdeck-test-keyring');
  // Ready when the Secret Service name is owned on the bus (the daemon prints nothing in --foreground).
  await waitFor(
    async () => {
      const owner = await runCommand(
        'dbus-send',
        [
          '--session',
          '--print-reply',
          '--dest=org.freedesktop.DBus',
          '/org/freedesktop/DBus',
          'org.freedesktop.DBus.NameHasOwner',
          'string:org.freedesktop.secrets',
        ],
        { env },
      );
      return owner.stdout.includes('boolean true') || undefined;
    },
    { timeoutMs: 10_000, describe: 'gnome-keyring-daemon to serve org.freedesktop.secrets' },
  ).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}\n${keyringOutput}`);
  });

  const children: ChildProcess[] = [keyring, bus];
  return {
    busAddress,
    async stop() {
      await terminateProcesses(
        children.map((c) => c.pid).filter((pid): pid is number => pid !== undefined),
        2_000,
      );
      await removeDir(dir);
    },
  };
}
