import { createStore, type StoreApi } from 'zustand/vanilla';
import { bellRang, NO_BELLS, tabShown, type BellMarks } from './bell.logic';

export interface BellState {
  marks: BellMarks;
  rang: (sessionId: string, activeId: string | null) => void;
  shown: (sessionId: string) => void;
}

export type BellStore = StoreApi<BellState>;

/** Kept apart from the app store: bells change often and only the tab bar cares. */
export function createBellStore(): BellStore {
  return createStore<BellState>()((set) => ({
    marks: NO_BELLS,
    rang: (sessionId, activeId) => set((state) => ({ marks: bellRang(state.marks, sessionId, activeId) })),
    shown: (sessionId) => set((state) => ({ marks: tabShown(state.marks, sessionId) })),
  }));
}
