import { errorMessage } from '../app/errorMessage';
import type { MuxdeckClient } from '../bridge/client';
import type { AppStore } from '../stores/appStore';
import { upsertSession } from '../stores/sessions.logic';

/**
 * Asks Muxdeck to reconnect a dropped or failed session now. The answer (and the sessions:changed that
 * follows) updates the session's status; a refusal becomes a notice. Never throws.
 */
export async function reconnectSession(
  client: MuxdeckClient,
  store: AppStore,
  sessionId: string,
): Promise<void> {
  const state = () => store.getState();
  try {
    const session = await client.invoke('sessions:reconnect', { sessionId });
    // Only if it still exists: a sessions:changed may have removed it meanwhile.
    if (state().sessions.some((existing) => existing.id === session.id))
      state().sessionsReplaced(upsertSession(state().sessions, session));
  } catch (error) {
    const label = state().sessions.find((session) => session.id === sessionId)?.label ?? sessionId;
    state().notify(`Could not reconnect ${label}: ${errorMessage(error)}`);
  }
}
