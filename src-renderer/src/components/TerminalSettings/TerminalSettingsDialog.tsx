import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import {
  effectiveFontSize,
  FONT_SIZE_LIMITS,
  isValidFontFamily,
  type TerminalThemeSetting,
} from '../../terminal/terminalSettings.logic';
import { describeTerminalKey } from '../../terminal/terminalKeys.logic';
import type { TerminalSettingsStore } from '../../terminal/terminalSettingsStore';
import './TerminalSettingsDialog.css';

interface TerminalSettingsDialogProps {
  store: TerminalSettingsStore;
  isMac: boolean;
  onClose: () => void;
}

const THEME_LABELS: Record<TerminalThemeSetting, string> = {
  system: 'Follow the OS',
  dark: 'Dark',
  light: 'Light',
};

/**
 * Font, size, theme and copy-on-select for every terminal. Changes apply at once (the terminals behind the
 * dialog are the preview) and are saved as they are made.
 */
export function TerminalSettingsDialog({ store, isMac, onClose }: TerminalSettingsDialogProps) {
  const settings = useStore(store, (state) => state.settings);
  const update = useStore(store, (state) => state.update);
  const dialogRef = useRef<HTMLDialogElement>(null);
  // The family is applied when valid, so a half-typed name never reaches the terminals.
  const [family, setFamily] = useState(settings.fontFamily);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const familyValid = isValidFontFamily(family);
  const zoomed = effectiveFontSize(settings) !== settings.fontSize;

  return (
    // Closing goes through the dialog itself (Esc, Done): focus can only move back to the page once the
    // modal dialog is closed, so the owner hears about it from the close event.
    <dialog
      ref={dialogRef}
      className="terminal-settings"
      aria-labelledby="terminal-settings-title"
      onClose={onClose}
    >
      <h2 id="terminal-settings-title">Terminal settings</h2>
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

        <label htmlFor="terminal-theme">Theme</label>
        <select
          id="terminal-theme"
          value={settings.theme}
          onChange={(event) => update({ theme: event.target.value as TerminalThemeSetting })}
        >
          {(Object.keys(THEME_LABELS) as TerminalThemeSetting[]).map((theme) => (
            <option key={theme} value={theme}>
              {THEME_LABELS[theme]}
            </option>
          ))}
        </select>

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
      <div className="terminal-settings-actions">
        <button type="button" onClick={() => dialogRef.current?.close()}>
          Done
        </button>
      </div>
    </dialog>
  );
}
