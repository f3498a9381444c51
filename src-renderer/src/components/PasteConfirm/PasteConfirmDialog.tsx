import { useStore } from 'zustand';
import { useServices } from '../../app/AppServices';
import { Dialog } from '../TreeDialogs/Dialog';
import './PasteConfirmDialog.css';

/** UX.md: input for more than one host is confirmable; the user sees exactly what goes where first. */
export function PasteConfirmDialog() {
  const { input } = useServices();
  const pending = useStore(input.state, (state) => state.pending);
  if (!pending) return null;
  const lines = pending.text.split(/\r\n|\r|\n/).length;
  const noun = pending.targets === 1 ? 'session' : 'sessions';
  return (
    <Dialog title={`Paste to ${pending.targets} ${noun}?`} onClose={() => input.resolvePaste(false)}>
      <p className="dialog-message">
        {lines > 1 ? `${lines} lines` : 'This text'} will be typed into {pending.targets} {noun} at once:
      </p>
      <p className="paste-hosts">{pending.hosts.join(', ')}</p>
      <pre className="paste-preview" aria-label="Text to paste">
        {pending.text}
      </pre>
      <div className="dialog-footer">
        {/* Cancel has the keyboard: an Enter meant for the shell must not send text to every host. */}
        <button
          type="button"
          className="dialog-button"
          data-autofocus
          onClick={() => input.resolvePaste(false)}
        >
          Cancel
        </button>
        <button type="button" className="dialog-button is-primary" onClick={() => input.resolvePaste(true)}>
          Paste to {pending.targets} {noun}
        </button>
      </div>
    </Dialog>
  );
}
