import { readFile } from 'node:fs/promises';
import { runCommandOk } from './runCommand';

export interface SshKeyPair {
  privateKeyPath: string;
  /** "ssh-ed25519 AAAA..." without the comment, ready for known_hosts or authorized_keys. */
  publicKey: string;
}

/**
 * Generates an ed25519 key pair (unencrypted unless a passphrase is given) at `privateKeyPath` (+ `.pub`). Keys only ever live in temp dirs
 * created by the test run; never commit one. ssh-keygen creates the private key 0600, which both ssh and sshd
 * insist on.
 */
export async function generateEd25519Key(
  privateKeyPath: string,
  comment: string,
  /** Encrypts the private key; only for tests of passphrase handling. */
  passphrase = '',
): Promise<SshKeyPair> {
  await runCommandOk('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    passphrase,
    '-C',
    comment,
    '-f',
    privateKeyPath,
  ]);
  const [type, base64] = (await readFile(`${privateKeyPath}.pub`, 'utf8')).trim().split(/\s+/);
  if (type === undefined || base64 === undefined) {
    throw new Error(`unexpected public key format in ${privateKeyPath}.pub`);
  }
  return { privateKeyPath, publicKey: `${type} ${base64}` };
}
