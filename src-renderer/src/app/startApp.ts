import type { WorkspaceLayout } from '../../../src-preload/api';
import type { MuxdeckClient } from '../bridge/client';
import type { AppStore } from '../stores/appStore';
import { errorMessage } from './errorMessage';

/** Layout changes are saved once they settle: a divider drag is one write, not one per frame. */
export const LAYOUT_SAVE_DELAY_MS = 300;

/**
 * Loads sessions and the saved layout and keeps them current. Every existing session gets its place
 * back: in the saved tabs, splits and groups, or in a tab of its own; they live in tmux and outlive the
 * window. (Hosts come with the tree: tree/startTree.ts.) Returns the function that stops.
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

  const loadLayout = client.invoke('layout:get', {}).then(
    (layout): WorkspaceLayout | null => layout,
    // An older main process has no saved layout: every session gets a tab, as before.
    () => null,
  );
  const loadSessions = client.invoke('sessions:list', {}).then(
    // A sessions:changed that overtook this answer is newer than it.
    (sessions) => {
      if (!sessionsEventSeen) state().sessionsReplaced(sessions);
      return true;
    },
    (error: unknown) => {
      state().notify(`Could not restore sessions: ${errorMessage(error)}`);
      return sessionsEventSeen;
    },
  );
  const [layout, sessionsKnown] = await Promise.all([loadLayout, loadSessions]);
  // Without the session list, the saved layout would look empty: keep it, and never write over it.
  state().workspaceRestored(sessionsKnown ? layout : null);

  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = (): void => {
    timer = undefined;
    client.invoke('layout:set', { layout: state().workspace }).catch((error: unknown) => {
      state().notify(`Could not save the tab layout: ${errorMessage(error)}`);
    });
  };
  const stopSaving = sessionsKnown
    ? store.subscribe((next, previous) => {
        if (next.workspace === previous.workspace) return;
        clearTimeout(timer);
        timer = setTimeout(save, LAYOUT_SAVE_DELAY_MS);
      })
    : () => undefined;
  // What restoring changed (sessions gone, new ones added) is saved too.
  if (sessionsKnown && layout !== null && state().workspace !== layout)
    timer = setTimeout(save, LAYOUT_SAVE_DELAY_MS);

  return () => {
    stopSessions();
    stopConnection();
    stopSaving();
    if (timer !== undefined) {
      clearTimeout(timer);
      save();
    }
  };
}
