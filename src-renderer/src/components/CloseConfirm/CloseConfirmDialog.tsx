import { useState } from 'react';
import { useStore } from 'zustand';
import { useServices } from '../../app/AppServices';
import { Dialog } from '../TreeDialogs/Dialog';
import './CloseConfirmDialog.css';

/** Asks before × or Ctrl+Shift+W ends connected sessions; Cancel (and Escape) keeps them. */
export function CloseConfirmDialog() {
  const { closeQuestion, settings } = useServices();
  const pending = useStore(closeQuestion, (state) => state.pending);
  const [dontAsk, setDontAsk] = useState(false);
  if (!pending) return null;
  const { labels } = pending;
  const one = labels.length === 1;
  const title = one ? `Close ${labels[0] ?? ''}?` : `Close ${labels.length} connected sessions?`;
  const names = labels.length <= 4 ? labels.join(', ') : `${labels.slice(0, 4).join(', ')}…`;
  const answer = (close: boolean) => {
    if (close && dontAsk) void settings.getState().update({ confirmCloseConnected: false });
    setDontAsk(false);
    pending.answer(close);
  };
  return (
    <Dialog title={title} onClose={() => answer(false)}>
      <p className="dialog-message">
        {one
          ? `${names} is connected: closing ends its shell and whatever is running in it.`
          : `${names} are connected: closing ends their shells and whatever is running in them.`}
      </p>
      <label className="close-confirm-check">
        <input type="checkbox" checked={dontAsk} onChange={(event) => setDontAsk(event.target.checked)} />
        Don’t ask again (Settings can turn it back on)
      </label>
      <div className="dialog-footer">
        <button type="button" className="dialog-button" data-autofocus onClick={() => answer(false)}>
          Cancel
        </button>
        <button type="button" className="dialog-button is-danger" onClick={() => answer(true)}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
