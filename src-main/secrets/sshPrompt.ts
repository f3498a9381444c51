/**
 * What an SSH_ASKPASS prompt is, read only from the exact forms OpenSSH's client phrases itself
 * (sshconnect2.c). Anything a server wrote is `server`: ssh shows keyboard-interactive questions
 * as `(user@host) <the server's text>`, so a server can word them like ssh's own prompts, and a
 * loose match anywhere in the prompt would hand it the user's secrets.
 */
export type SshPrompt =
  /** `Enter passphrase for key '<file>': `: ssh itself unlocking a local key file. */
  | { kind: 'passphrase'; keyFile: string }
  /** `<user>@<host>'s password: `: ssh's own password authentication. */
  | { kind: 'password'; user: string; host: string }
  /** A keyboard-interactive question: the server's words, never answered from the keychain. */
  | { kind: 'server'; text: string }
  /** Anything else ssh asks (host-key confirmation, a FIDO PIN, a password change). */
  | { kind: 'other'; text: string };

const PASSPHRASE = /^Enter passphrase for key '([^\n]+)': ?$/;
// The user is greedy to the last `@`: a host name has none, an account name ("a@corp") may.
const PASSWORD = /^([^\s]+)@([^\s@]+)'s password: ?$/;
// OpenSSH >= 8.4 prefixes every keyboard-interactive prompt with "(server_user@host) ".
const KEYBOARD_INTERACTIVE = /^\([^\s()]+@[^\s()]+\) /;

export function classifySshPrompt(prompt: string): SshPrompt {
  if (KEYBOARD_INTERACTIVE.test(prompt)) return { kind: 'server', text: prompt };
  const passphrase = PASSPHRASE.exec(prompt);
  if (passphrase?.[1]) return { kind: 'passphrase', keyFile: passphrase[1] };
  const password = PASSWORD.exec(prompt);
  if (password?.[1] && password[2]) return { kind: 'password', user: password[1], host: password[2] };
  return { kind: 'other', text: prompt };
}

/**
 * Whether what the user types for this prompt should show. The helper cannot know ssh's own echo
 * flag (askpass is not told), so anything that looks like a secret is hidden; a host-key "yes" shows.
 */
export function promptEchoes(prompt: SshPrompt): boolean {
  if (prompt.kind === 'passphrase' || prompt.kind === 'password') return false;
  return !/pass|code|otp|token|pin|secret/i.test(prompt.text);
}
