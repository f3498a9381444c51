/** DOM ids tying each tab to the panel it shows (aria-controls / aria-labelledby). Tab ids are [A-Za-z0-9_-]. */
export const tabElementId = (tabId: string): string => `tab-${tabId}`;
/** One panel shows whichever tab is active: panes never move in the DOM, so terminals never remount. */
export const WORKSPACE_PANEL_ID = 'workspace-panel';

/** The drag payload of a tab (tab bar reordering, dropping into another tab's split). */
export const TAB_DRAG_TYPE = 'application/x-muxdeck-tab';
