/**
 * What an agent must never read back, whatever it ran: private keys (PEM/OpenSSH blocks, PuTTY key files).
 * A block cut off by a cap is redacted to its end. And what the audit log must never keep: values of
 * password/token-like assignments in a command line.
 */
const PRIVATE_KEY =
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g;
const PUTTY_KEY = /PuTTY-User-Key-File-\d+:[\s\S]*?(?:Private-MAC: *\S+|$)/g;

export const REDACTED_KEY = '[private key redacted by Muxdeck]';

/** The end of a block whose start is not in the text (scrolled off a snapshot, or in an earlier chunk). */
const ORPHAN_END = /^[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/;

export function redactPrivateKeys(text: string): { text: string; redacted: boolean } {
  let redacted = false;
  const out = text
    .replace(ORPHAN_END, (block) => {
      if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY/.test(block)) return block;
      redacted = true;
      return REDACTED_KEY;
    })
    .replace(PRIVATE_KEY, () => {
      redacted = true;
      return REDACTED_KEY;
    })
    .replace(PUTTY_KEY, () => {
      redacted = true;
      return REDACTED_KEY;
    });
  return { text: out, redacted };
}

/** Bytes (read_file) holding a private key: the key's bytes replaced, the rest kept as it was. */
export function redactPrivateKeyBytes(bytes: Buffer): { bytes: Buffer; redacted: boolean } {
  const latin = bytes.toString('latin1');
  const result = redactPrivateKeys(latin);
  return result.redacted
    ? { bytes: Buffer.from(result.text, 'latin1'), redacted: true }
    : { bytes, redacted: false };
}

const SECRET_ASSIGNMENT =
  /((?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|access[_-]?key|auth)[A-Za-z0-9_-]*\s*[=:]\s*)(?:'[^']*'|"[^"]*"|\S+)/gi;
const SECRET_FLAG = /(--?(?:password|passwd|token|secret|api-key)(?:=|\s+))(?:'[^']*'|"[^"]*"|\S+)/gi;
const SSHPASS = /(\bsshpass\s+-p\s*)\S+/g;

/** A command line for the audit log: values that look like secrets replaced, the rest kept. */
export function redactCommandSecrets(command: string): string {
  return redactPrivateKeys(command)
    .text.replace(SECRET_FLAG, '$1[redacted]')
    .replace(SECRET_ASSIGNMENT, '$1[redacted]')
    .replace(SSHPASS, '$1[redacted]');
}
