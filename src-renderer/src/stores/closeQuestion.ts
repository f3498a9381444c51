import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SessionInfo } from '../../../src-preload/api';

/** "Close web1? It is connected": asked before ending sessions whose shell is live. */
export interface CloseQuestion {
  /** The connected sessions' host names, as their tabs show them. */
  labels: string[];
  answer(close: boolean): void;
}

export interface CloseQuestionState {
  pending: CloseQuestion | null;
}

export type CloseQuestionStore = StoreApi<CloseQuestionState>;

export function createCloseQuestionStore(): CloseQuestionStore {
  return createStore<CloseQuestionState>()(() => ({ pending: null }));
}

/** Resolves true to close. A new question answers an unanswered one with "keep" (one dialog at a time). */
export function askToClose(store: CloseQuestionStore, labels: readonly string[]): Promise<boolean> {
  store.getState().pending?.answer(false);
  return new Promise((resolve) => {
    const question: CloseQuestion = {
      labels: [...labels],
      answer: (close) => {
        if (store.getState().pending === question) store.setState({ pending: null });
        resolve(close);
      },
    };
    store.setState({ pending: question });
  });
}

/**
 * Sessions whose ending the user would lose something to: ssh runs and is connected, as a terminal asks
 * "a program is running". A pane that exited, failed to connect or is still connecting closes as it is.
 */
export function connectedSessions(
  sessions: readonly SessionInfo[],
  sessionIds: readonly string[],
): SessionInfo[] {
  const wanted = new Set(sessionIds);
  return sessions.filter((s) => wanted.has(s.id) && s.state === 'running' && s.status === 'connected');
}
