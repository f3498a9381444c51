import { randomBytes } from 'node:crypto';
import { runCommandOk } from './runCommand';

export interface TestUser {
  name: string;
  password: string;
  home: string;
  remove(): Promise<void>;
}

/** Creating accounts needs root; CI runs as root. */
export const canCreateUsers = process.getuid?.() === 0 && process.platform === 'linux';

/**
 * A throwaway local account with a random password, for sshd's password authentication:
 * it exists only for the test that made it, and remove() deletes it with its home.
 */
export async function createTestUser(): Promise<TestUser> {
  const name = `mx${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const home = `/tmp/${name}-home`;
  await runCommandOk('useradd', ['-m', '-d', home, '-s', '/bin/sh', name]);
  await runCommandOk('chpasswd', [], { input: `${name}:${password}\n` });
  return {
    name,
    password,
    home,
    remove: () => runCommandOk('userdel', ['-r', '-f', name]).then(() => undefined),
  };
}
