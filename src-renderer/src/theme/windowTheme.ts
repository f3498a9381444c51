import type { TerminalThemeName } from '../terminal/terminalSettings.logic';
import { themeNameOf, type TerminalSettingsStore } from '../terminal/terminalSettingsStore';

/**
 * One theme for the whole window: the Theme setting (System / Light / Dark) that colours the terminals
 * also picks the chrome's palette (styles/theme.css reads `data-theme` on the root element). "System"
 * resolves through the same OS preference the terminals follow, so chrome and terminals never disagree.
 */
export function applyWindowTheme(root: HTMLElement, theme: TerminalThemeName): void {
  root.dataset.theme = theme;
  // Scrollbars, form controls and the caret follow too.
  root.style.colorScheme = theme;
}

/** Applies the theme now and on every change; returns the unsubscribe. */
export function followWindowTheme(root: HTMLElement, settings: TerminalSettingsStore): () => void {
  let current = themeNameOf(settings.getState());
  applyWindowTheme(root, current);
  return settings.subscribe((state) => {
    const next = themeNameOf(state);
    if (next === current) return;
    current = next;
    applyWindowTheme(root, next);
  });
}
