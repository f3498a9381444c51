import type { MuxdeckClient } from '../bridge/client';
import type { AppStore } from '../stores/appStore';
import { errorMessage } from './errorMessage';

/**
 * Loads sessions and keeps them current. Every existing session gets its tab back: they live in tmux
 * and outlive the window. (Hosts come with the tree: tree/startTree.ts.) Returns the function that stops.
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

  const loadSessions = client.invoke('sessions:list', {}).then(
    // A sessions:changed that overtook this answer is newer than it.
    (sessions) => {
      if (!sessionsEventSeen) state().sessionsReplaced(sessions);
    },
    (error: unknown) => state().notify(`Could not restore sessions: ${errorMessage(error)}`),
  );
  await loadSessions;

  return () => {
    stopSessions();
    stopConnection();
  };
}
