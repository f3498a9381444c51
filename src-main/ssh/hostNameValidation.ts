/**
 * Inventory data is hostile input (ARCHITECTURE.md §7). A host name reaches ssh as
 * one argv element, but ssh would still read a leading "-" as an option
 * (`-oProxyCommand=...` runs a command), and a shell anywhere downstream
 * (a remote tmux, a user's copy-pasted command) would act on metacharacters.
 * So we accept only the characters host names, aliases and addresses use.
 */

/** Letters, digits and the punctuation of DNS names, IPv4/IPv6 addresses (with zone and brackets) and `user@host`. */
const ALLOWED = /^[A-Za-z0-9._:%@+\-[\]]+$/;
const MAX_LENGTH = 253;

export class InvalidHostNameError extends Error {
  constructor(
    readonly hostName: string,
    readonly reason: string,
  ) {
    super(`Refusing to connect to ${JSON.stringify(hostName)}: ${reason}.`);
    this.name = 'InvalidHostNameError';
  }
}

/** Why a host name cannot be passed to ssh, or undefined when it can. */
export function hostNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'the host name is empty';
  if (name.length > MAX_LENGTH) return `the host name is longer than ${MAX_LENGTH} characters`;
  if (name.startsWith('-')) return 'a host name must not start with "-" (ssh would read it as an option)';
  const bad = [...name].find((ch) => !ALLOWED.test(ch));
  if (bad !== undefined) return `the host name contains ${describeCharacter(bad)}, which no host name has`;
  return undefined;
}

export function assertValidHostName(name: string): void {
  const problem = hostNameProblem(name);
  if (problem) throw new InvalidHostNameError(name, problem);
}

function describeCharacter(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `a control character (U+${code.toString(16).padStart(4, '0')})`;
  if (/\s/.test(ch)) return 'white space';
  return JSON.stringify(ch);
}
