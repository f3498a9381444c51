import type { MuxdeckClient } from '../bridge/client';
import { errorMessage } from '../app/errorMessage';
import type { SettingsStorage } from '../terminal/settingsStorage';
import type { TerminalSettingsStore } from '../terminal/terminalSettingsStore';
import type { AppSettingsStore } from './appSettingsStore';
import type { ContractTerminalStorage } from './contractTerminalStorage';

/**
 * Loads the app's settings and keeps them current; terminal settings go to every terminal. Terminal
 * settings an earlier Muxdeck kept in this page's localStorage move to the store once. Returns the
 * function that stops listening.
 */
export async function startSettings(opts: {
  client: MuxdeckClient;
  settings: AppSettingsStore;
  terminal: TerminalSettingsStore;
  terminalStorage: ContractTerminalStorage;
  legacyTerminalStorage?: SettingsStorage;
  notify: (message: string) => void;
}): Promise<() => void> {
  const { client, settings, terminal, terminalStorage } = opts;
  const stop = client.on('settings:changed', (next) => {
    settings.getState().loaded(next);
    // Our own save echoes back; applying an older echo mid-zoom would make the font jump back.
    if (!terminalStorage.saving()) terminal.getState().replace(next.terminal);
  });
  try {
    const loaded = await client.invoke('settings:get', {});
    settings.getState().loaded(loaded);
    const legacy = opts.legacyTerminalStorage?.load();
    if (Object.keys(loaded.terminal).length === 0 && legacy !== undefined) {
      terminal.getState().replace(legacy);
      terminalStorage.save(terminal.getState().settings);
    } else {
      terminal.getState().replace(loaded.terminal);
    }
  } catch (error) {
    opts.notify(`Could not load settings: ${errorMessage(error)}`);
  }
  return stop;
}
