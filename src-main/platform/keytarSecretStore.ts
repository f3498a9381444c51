import { KEYCHAIN_SERVICE, type SecretStore } from '../secrets/secretStore';

type Keytar = typeof import('keytar');

/**
 * SecretStore over keytar: macOS Keychain, Windows Credential Manager, or the Secret Service
 * (GNOME Keyring, KWallet) on Linux. The native module loads on first use, never in unit tests.
 */
export function keytarSecretStore(service = KEYCHAIN_SERVICE): SecretStore {
  let keytar: Promise<Keytar> | undefined;
  const load = (): Promise<Keytar> =>
    (keytar ??= import('keytar').then((m) => ('default' in m ? m.default : m)));
  return {
    async get(account) {
      return (await (await load()).getPassword(service, account)) ?? undefined;
    },
    async set(account, secret) {
      await (await load()).setPassword(service, account, secret);
    },
    async delete(account) {
      return (await load()).deletePassword(service, account);
    },
  };
}
