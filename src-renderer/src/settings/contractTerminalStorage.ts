import { TerminalPreferences } from '../../../src-preload/api';
import type { MuxdeckClient } from '../bridge/client';
import type { SettingsStorage } from '../terminal/settingsStorage';

export interface ContractTerminalStorage extends SettingsStorage {
  /** A save is on its way: a settings:changed heard now may be older than what the user sees. */
  saving(): boolean;
}

/**
 * Terminal settings kept in the app's store through the contract, so they follow the user across windows,
 * serve-mode ports and restarts. Nothing is known synchronously at start: startSettings fills it in.
 */
export function contractTerminalStorage(
  client: MuxdeckClient,
  warn: (message: string) => void,
): ContractTerminalStorage {
  let inFlight = 0;
  return {
    load: () => undefined,
    save(value) {
      const terminal = TerminalPreferences.safeParse(value);
      if (!terminal.success) return;
      inFlight += 1;
      client
        .invoke('settings:update', { patch: { terminal: terminal.data } })
        .catch((error: unknown) => warn(`Terminal settings were not saved: ${String(error)}`))
        .finally(() => {
          inFlight -= 1;
        });
    },
    saving: () => inFlight > 0,
  };
}
