import { MuxdeckApiError } from '../../../src-preload/api';
import type { MuxdeckClient } from '../bridge/client';
import { findHost } from '../stores/hosts.logic';
import type { AppStore } from '../stores/appStore';
import type { TerminalSizeHint } from '../terminal/terminalSize';
import { errorMessage } from './errorMessage';

/** What the UI asks of Muxdeck. Failures become notices the user can read; nothing here throws. */
export interface AppCommands {
  openHost(hostId: string): Promise<void>;
  closeSession(sessionId: string): Promise<void>;
  closeActiveTab(): Promise<void>;
}

export function createCommands(
  client: MuxdeckClient,
  store: AppStore,
  sizeHint: TerminalSizeHint,
): AppCommands {
  const state = () => store.getState();

  async function openHost(hostId: string): Promise<void> {
    if (state().opening.includes(hostId)) return;
    const label = findHost(state().hosts, hostId)?.label ?? hostId;
    state().openingStarted(hostId);
    try {
      const session = await client.invoke('sessions:open', { hostId, ...sizeHint.current() });
      state().sessionOpened(session);
    } catch (error) {
      state().notify(`Could not connect to ${label}: ${errorMessage(error)}`);
    } finally {
      state().openingFinished(hostId);
    }
  }

  async function closeSession(sessionId: string): Promise<void> {
    try {
      await client.invoke('sessions:close', { sessionId });
      state().sessionClosed(sessionId);
    } catch (error) {
      // Already gone (closed elsewhere, or tmux died): the tab has nothing left to show.
      if (error instanceof MuxdeckApiError && error.code === 'NOT_FOUND') {
        state().sessionClosed(sessionId);
        return;
      }
      const label = state().sessions.find((session) => session.id === sessionId)?.label ?? sessionId;
      state().notify(`Could not close ${label}: ${errorMessage(error)}`);
    }
  }

  async function closeActiveTab(): Promise<void> {
    const activeId = state().tabs.activeId;
    if (activeId !== null) await closeSession(activeId);
  }

  return { openHost, closeSession, closeActiveTab };
}
