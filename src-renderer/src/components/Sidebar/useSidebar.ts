import { useCallback } from 'react';
import { useStore } from 'zustand';
import { DEFAULT_SIDEBAR, type SidebarLayout } from '../../../../src-preload/api';
import { useServices } from '../../app/AppServices';

export interface SidebarControls extends SidebarLayout {
  /** Saves a width the user settled on (the end of a drag, a key press). */
  commitWidth: (width: number) => void;
  setHidden: (hidden: boolean) => void;
  toggle: () => void;
}

/** The sidebar's width and visibility, kept in the settings so a reload and every window open the same way. */
export function useSidebar(): SidebarControls {
  const { settings } = useServices();
  const sidebar = useStore(settings, (state) => state.settings?.sidebar ?? DEFAULT_SIDEBAR);
  const save = useCallback(
    (patch: Partial<SidebarLayout>) => {
      // Before the saved settings arrive, a change would be saved over the width the user had.
      const current = settings.getState().settings?.sidebar;
      if (!current) return;
      const next = { ...current, ...patch };
      if (next.width === current.width && next.hidden === current.hidden) return;
      void settings.getState().update({ sidebar: next });
    },
    [settings],
  );
  const commitWidth = useCallback((width: number) => save({ width }), [save]);
  const setHidden = useCallback((hidden: boolean) => save({ hidden }), [save]);
  const toggle = useCallback(
    () => save({ hidden: !(settings.getState().settings?.sidebar ?? DEFAULT_SIDEBAR).hidden }),
    [save, settings],
  );
  return { ...sidebar, commitWidth, setHidden, toggle };
}
