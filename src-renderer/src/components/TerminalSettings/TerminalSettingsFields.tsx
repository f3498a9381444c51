import { useState } from 'react';
import { useStore } from 'zustand';
import {
  effectiveFontSize,
  FONT_SIZE_LIMITS,
  isValidFontFamily,
  parseScrollbackInput,
  SCROLLBACK_LIMITS,
  type TerminalThemeSetting,
} from '../../terminal/terminalSettings.logic';
import { describeTerminalKey } from '../../terminal/terminalKeys.logic';
import type { TerminalSettingsStore } from '../../terminal/terminalSettingsStore';
import './TerminalSettingsDialog.css';

const THEME_LABELS: Record<TerminalThemeSetting, string> = {
  system: 'Follow the OS',
  dark: 'Dark',
  light: 'Light',
};

/**
 * Font, size, theme and copy-on-select for every terminal: in the terminal's own dialog and in Settings.
 * Changes apply at once (the terminals behind are the preview) and are saved as they are made.
 */
export function TerminalSettingsFields({ store, isMac }: { store: TerminalSettingsStore; isMac: boolean }) {
  const settings = useStore(store, (state) => state.settings);
  const update = useStore(store, (state) => state.update);
  // The family is applied when valid, so a half-typed name never reaches the terminals.
  const [family, setFamily] = useState(settings.fontFamily);
  const familyValid = isValidFontFamily(family);
  const zoomed = effectiveFontSize(settings) !== settings.fontSize;
  // Applied when it is a whole number within the limits, so a half-typed number never trims the terminals.
  const [scrollback, setScrollback] = useState(String(settings.scrollback));
  const scrollbackValid = parseScrollbackInput(scrollback) !== null;

  return (
    <div className="terminal-settings-grid">
      <label htmlFor="terminal-font-family">Font family</label>
      <div>
        <input
          id="terminal-font-family"
          type="text"
          value={family}
          spellCheck={false}
          aria-invalid={!familyValid}
          aria-describedby="terminal-font-family-help"
          onChange={(event) => {
            setFamily(event.target.value);
            if (isValidFontFamily(event.target.value)) update({ fontFamily: event.target.value });
          }}
        />
        <p id="terminal-font-family-help" className="terminal-settings-help">
          {familyValid
            ? 'A CSS font list; the first installed font is used.'
            : 'Enter a font name, without ; { } < >.'}
        </p>
      </div>

      <label htmlFor="terminal-font-size">Font size</label>
      <div>
        <input
          id="terminal-font-size"
          type="number"
          min={FONT_SIZE_LIMITS.min}
          max={FONT_SIZE_LIMITS.max}
          value={settings.fontSize}
          aria-describedby="terminal-font-size-help"
          onChange={(event) => {
            const size = event.target.valueAsNumber;
            if (Number.isFinite(size)) update({ fontSize: size });
          }}
        />
        <p id="terminal-font-size-help" className="terminal-settings-help">
          {zoomed
            ? `Zoomed to ${effectiveFontSize(settings)} px; ${describeTerminalKey('zoomReset', isMac)} returns to this size.`
            : `${FONT_SIZE_LIMITS.min}–${FONT_SIZE_LIMITS.max} px; ${describeTerminalKey('zoomIn', isMac)} and ${describeTerminalKey('zoomOut', isMac)} zoom.`}
        </p>
      </div>

      <label htmlFor="terminal-scrollback">Scrollback (lines)</label>
      <div>
        <input
          id="terminal-scrollback"
          type="number"
          min={SCROLLBACK_LIMITS.min}
          max={SCROLLBACK_LIMITS.max}
          step={1000}
          value={scrollback}
          aria-invalid={!scrollbackValid}
          aria-describedby="terminal-scrollback-help"
          onChange={(event) => {
            setScrollback(event.target.value);
            const lines = parseScrollbackInput(event.target.value);
            if (lines !== null) update({ scrollback: lines });
          }}
        />
        <p id="terminal-scrollback-help" className="terminal-settings-help">
          {scrollbackValid
            ? 'Lines each terminal keeps to scroll back through and search; fewer frees memory at once.'
            : `Scrollback: a whole number from ${SCROLLBACK_LIMITS.min} to ${SCROLLBACK_LIMITS.max}.`}
        </p>
      </div>

      <label htmlFor="terminal-theme">Theme</label>
      <div>
        <select
          id="terminal-theme"
          aria-describedby="terminal-theme-help"
          value={settings.theme}
          onChange={(event) => update({ theme: event.target.value as TerminalThemeSetting })}
        >
          {(Object.keys(THEME_LABELS) as TerminalThemeSetting[]).map((theme) => (
            <option key={theme} value={theme}>
              {THEME_LABELS[theme]}
            </option>
          ))}
        </select>
        <p id="terminal-theme-help" className="terminal-settings-help">
          The whole window: host tree, tabs, bars and terminals.
        </p>
      </div>

      <span />
      <label className="terminal-settings-check">
        <input
          type="checkbox"
          checked={settings.copyOnSelect}
          onChange={(event) => update({ copyOnSelect: event.target.checked })}
        />
        Copy on select
      </label>
    </div>
  );
}
