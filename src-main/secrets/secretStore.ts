/**
 * Where secrets live: the OS keychain, and nowhere else (ARCHITECTURE.md §2, §7).
 * Account names say what a secret is for; they are not secret themselves.
 */
export interface SecretStore {
  get(account: string): Promise<string | undefined>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

/** The keychain service name every Muxdeck secret is filed under. */
export const KEYCHAIN_SERVICE = 'Muxdeck';

export const secretAccounts = {
  /** The login password of one host. */
  password: (hostId: string) => `password:${hostId}`,
  /** The passphrase of one private key file, whichever host it is used for. */
  passphrase: (keyPath: string) => `passphrase:${keyPath}`,
  /** The API token of one configured NetBox source (by its configuration id). */
  netboxToken: (sourceConfigId: string) => `netbox-token:${sourceConfigId}`,
} as const;
