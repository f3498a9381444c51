/**
 * Where a group of settings is kept between runs. The terminal settings use localStorage for now; the
 * app's contract-backed settings store will implement this same interface and replace it in main.tsx.
 */
export interface SettingsStorage {
  /** The stored value as written, or undefined when there is none or it cannot be read. */
  load(): unknown;
  save(value: unknown): void;
}

/**
 * localStorage under one key. Its origin is the page's, so in serve mode settings follow the port; reading
 * or writing may throw (storage disabled, quota), which only costs persistence, never the terminal.
 */
export function localStorageSettings(key: string, storage: Storage | undefined): SettingsStorage {
  return {
    load() {
      try {
        const text = storage?.getItem(key);
        return text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        return undefined;
      }
    },
    save(value) {
      try {
        storage?.setItem(key, JSON.stringify(value));
      } catch (error) {
        console.warn('Muxdeck: terminal settings were not saved', error);
      }
    },
  };
}

/** Keeps settings for this page only: tests, and hosts with no storage. */
export function memorySettings(initial?: unknown): SettingsStorage {
  let stored = initial;
  return {
    load: () => stored,
    save(value) {
      stored = value;
    },
  };
}
