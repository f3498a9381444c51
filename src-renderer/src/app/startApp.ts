import type { MuxdeckClient } from '../bridge/client';
import type { AppStore } from '../stores/appStore';
import { errorMessage } from './errorMessage';

/**
 * Loads hosts and sessions and keeps sessions current. Every existing session gets its tab back: they
 * live in tmux and outlive the window. Returns the function that stops listening.
 */
export async function startApp(client: MuxdeckClient, store: AppStore): Promise<() => void> {
  const state = () => store.getState();
  let sessionsEventSeen = false;
  const stopSessions = client.on('sessions:changed', ({ sessions }) => {
    sessionsEventSeen = true;
    state().sessionsReplaced(sessions);
  });
  const stopConnection = client.onConnectionChange((connection) => state().setConnection(connection));
  state().setConnection(client.connectionState());

  const loadHosts = client.invoke('hosts:list', {}).then(
    (result) => state().hostsLoaded(result),
    (error: unknown) => {
      state().hostsLoaded({ hosts: [], sources: [] });
      state().notify(`Could not load hosts: ${errorMessage(error)}`);
    },
  );
  const loadSessions = client.invoke('sessions:list', {}).then(
    // A sessions:changed that overtook this answer is newer than it.
    (sessions) => {
      if (!sessionsEventSeen) state().sessionsReplaced(sessions);
    },
    (error: unknown) => state().notify(`Could not restore sessions: ${errorMessage(error)}`),
  );
  await Promise.all([loadHosts, loadSessions]);

  return () => {
    stopSessions();
    stopConnection();
  };
}
