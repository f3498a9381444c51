/** Which palette the terminal uses: the OS's light/dark choice, or one fixed regardless of it (UX.md). */
export type TerminalThemeSetting = 'system' | 'dark' | 'light';
export type TerminalThemeName = 'dark' | 'light';

export interface TerminalSettings {
  fontFamily: string;
  /** The font size the user chose; zoom is applied on top and reset with Ctrl+0. */
  fontSize: number;
  /** Zoom steps in px added to fontSize, so Ctrl+0 returns to the chosen size rather than a built-in one. */
  zoom: number;
  theme: TerminalThemeSetting;
  copyOnSelect: boolean;
  /** Lines of output xterm.js keeps above the screen (its own scrollback, searched by the find bar). */
  scrollback: number;
}

export const FONT_SIZE_LIMITS = { min: 6, max: 40 } as const;
/**
 * The same bounds as the contract (TerminalPreferences.scrollback). The maximum is what tmux keeps per pane
 * (history-limit in resources/tmux.conf): more would promise lines a reattach cannot give back.
 */
export const SCROLLBACK_LIMITS = { min: 1_000, max: 100_000 } as const;

export const DEFAULT_FONT_FAMILY =
  "ui-monospace, 'Cascadia Mono', 'JetBrains Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace";

export const DEFAULT_TERMINAL_SETTINGS: TerminalSettings = {
  fontFamily: DEFAULT_FONT_FAMILY,
  fontSize: 13,
  zoom: 0,
  theme: 'system',
  copyOnSelect: true,
  scrollback: 10_000,
};

const THEME_SETTINGS: readonly TerminalThemeSetting[] = ['system', 'dark', 'light'];
/** A font family is CSS text handed to xterm's canvas/DOM; keep it short and free of declarations. */
const MAX_FONT_FAMILY_CHARS = 200;

function clampInt(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}

export function clampFontSize(size: number): number {
  return clampInt(size, FONT_SIZE_LIMITS.min, FONT_SIZE_LIMITS.max);
}

export function clampScrollback(lines: number): number {
  return clampInt(lines, SCROLLBACK_LIMITS.min, SCROLLBACK_LIMITS.max);
}

/**
 * What the scrollback field holds, as a setting: a whole number of lines within the limits, or null while
 * it is not one (half typed, empty). Never clamped while typing: "2" on the way to "20000" is not 1000.
 */
export function parseScrollbackInput(text: string): number | null {
  const trimmed = text.trim().replace(/[,_\s]/g, '');
  if (!/^\d+$/.test(trimmed)) return null;
  const lines = Number(trimmed);
  return lines >= SCROLLBACK_LIMITS.min && lines <= SCROLLBACK_LIMITS.max ? lines : null;
}

/** The size the terminal is drawn at: the chosen size plus zoom, always within the limits. */
export function effectiveFontSize(settings: TerminalSettings): number {
  return clampFontSize(settings.fontSize + settings.zoom);
}

export type ZoomStep = 1 | -1 | 'reset';

/**
 * Zooming past a limit does nothing, and the stored zoom never runs beyond what is visible, so one Ctrl+=
 * after many Ctrl+- at the minimum zooms in at once.
 */
export function applyZoom(settings: TerminalSettings, step: ZoomStep): TerminalSettings {
  if (step === 'reset') return settings.zoom === 0 ? settings : { ...settings, zoom: 0 };
  const target = clampFontSize(effectiveFontSize(settings) + step);
  const zoom = target - settings.fontSize;
  return zoom === settings.zoom ? settings : { ...settings, zoom };
}

export function isValidFontFamily(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= MAX_FONT_FAMILY_CHARS && !/[;{}<>\\]/.test(trimmed);
}

/**
 * Settings read back from storage are untrusted (older versions, hand edits): every field that is missing
 * or wrong falls back to its default instead of breaking the terminal.
 */
export function normalizeTerminalSettings(raw: unknown): TerminalSettings {
  const input = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const defaults = DEFAULT_TERMINAL_SETTINGS;
  const fontFamily =
    typeof input.fontFamily === 'string' && isValidFontFamily(input.fontFamily)
      ? input.fontFamily.trim()
      : defaults.fontFamily;
  const fontSize =
    typeof input.fontSize === 'number' && Number.isFinite(input.fontSize)
      ? clampFontSize(input.fontSize)
      : defaults.fontSize;
  const rawZoom = typeof input.zoom === 'number' && Number.isFinite(input.zoom) ? Math.round(input.zoom) : 0;
  const zoom = clampFontSize(fontSize + rawZoom) - fontSize;
  const theme = THEME_SETTINGS.find((name) => name === input.theme) ?? defaults.theme;
  const copyOnSelect = typeof input.copyOnSelect === 'boolean' ? input.copyOnSelect : defaults.copyOnSelect;
  const scrollback =
    typeof input.scrollback === 'number' && Number.isFinite(input.scrollback)
      ? clampScrollback(input.scrollback)
      : defaults.scrollback;
  return { fontFamily, fontSize, zoom, theme, copyOnSelect, scrollback };
}

export function resolveThemeName(setting: TerminalThemeSetting, osPrefersDark: boolean): TerminalThemeName {
  if (setting === 'system') return osPrefersDark ? 'dark' : 'light';
  return setting;
}
