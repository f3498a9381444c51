import { useEffect, useRef } from 'react';
import type { TerminalSettingsStore } from '../../terminal/terminalSettingsStore';
import { TerminalSettingsFields } from './TerminalSettingsFields';
import './TerminalSettingsDialog.css';

interface TerminalSettingsDialogProps {
  store: TerminalSettingsStore;
  isMac: boolean;
  onClose: () => void;
}

/**
 * Font, size, theme and copy-on-select for every terminal. Changes apply at once (the terminals behind the
 * dialog are the preview) and are saved as they are made.
 */
export function TerminalSettingsDialog({ store, isMac, onClose }: TerminalSettingsDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

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
      <TerminalSettingsFields store={store} isMac={isMac} />
      <div className="terminal-settings-actions">
        <button type="button" onClick={() => dialogRef.current?.close()}>
          Done
        </button>
      </div>
    </dialog>
  );
}
