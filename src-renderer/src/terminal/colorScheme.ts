const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Whether the OS (or the browser) asks for dark colors now. */
export function prefersDark(win: Window): boolean {
  return win.matchMedia?.(DARK_QUERY).matches ?? true;
}

/** Calls `onChange` whenever the OS switches between light and dark; returns the unsubscribe. */
export function watchColorScheme(win: Window, onChange: (dark: boolean) => void): () => void {
  const query = win.matchMedia?.(DARK_QUERY);
  if (!query) return () => {};
  const listener = (event: MediaQueryListEvent): void => onChange(event.matches);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}
