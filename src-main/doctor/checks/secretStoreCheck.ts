import type { SecretStore } from '../../secrets/secretStore';
import { failed, firstLine, passed, type DoctorCheck } from '../doctorCheck';

/** An account no one stores anything under: reading it proves the keychain answers, and reveals nothing. */
export const PROBE_ACCOUNT = 'muxdeck-doctor:probe';
const ANSWER_TIMEOUT_MS = 10_000;

const KEYCHAIN: Partial<Record<NodeJS.Platform, { name: string; fix: string }>> = {
  darwin: {
    name: 'macOS Keychain',
    fix: 'Unlock your login keychain in Keychain Access (or log in again), then rerun muxdeck doctor.',
  },
  win32: {
    name: 'Windows Credential Manager',
    fix: 'Make sure the Credential Manager service (VaultSvc) is running, then rerun muxdeck doctor.',
  },
  linux: {
    name: 'Secret Service (GNOME Keyring, KWallet)',
    fix: 'Run Muxdeck in a desktop session with a Secret Service (install and unlock gnome-keyring or KWallet); without one, stored passwords and NetBox tokens are unavailable (MUXDECK_NETBOX_TOKEN still works).',
  },
};

/**
 * The OS keychain Muxdeck keeps passwords, passphrases and NetBox tokens in, reached through the same
 * SecretStore as the app. Optional: keys and agents connect without it. The answer is never printed.
 */
export async function secretStoreCheck(edges: {
  platform: NodeJS.Platform;
  secrets: SecretStore;
  timeoutMs?: number;
}): Promise<DoctorCheck> {
  const keychain = KEYCHAIN[edges.platform] ?? KEYCHAIN.linux ?? { name: 'keychain', fix: '' };
  const title = 'Keychain';
  const timeoutMs = edges.timeoutMs ?? ANSWER_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    // Whatever the read answers (normally nothing), only "it answered" is reported.
    const answer = await Promise.race([
      edges.secrets.get(PROBE_ACCOUNT).then(() => 'answered' as const),
      timeout,
    ]);
    if (answer === 'timeout') {
      return failed(
        'keychain',
        title,
        'optional',
        `the ${keychain.name} did not answer within ${Math.round(timeoutMs / 1000)} s (it may be locked and waiting for you)`,
        keychain.fix,
      );
    }
    return passed('keychain', title, 'optional', `the ${keychain.name} answers`);
  } catch (error) {
    return failed(
      'keychain',
      title,
      'optional',
      `the ${keychain.name} cannot be reached: ${firstLine(error)}`,
      keychain.fix,
    );
  } finally {
    clearTimeout(timer);
  }
}
