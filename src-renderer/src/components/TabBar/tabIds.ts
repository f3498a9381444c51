/** DOM ids tying each tab to its panel (aria-controls / aria-labelledby). Session ids are [A-Za-z0-9_-]. */
export const tabElementId = (sessionId: string): string => `tab-${sessionId}`;
export const panelElementId = (sessionId: string): string => `tabpanel-${sessionId}`;
