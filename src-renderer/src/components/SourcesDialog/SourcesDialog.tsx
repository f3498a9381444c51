import { useState } from 'react';
import { useStore } from 'zustand';
import { MuxdeckApiError, type SourceInfo } from '../../../../src-preload/api';
import { errorMessage } from '../../app/errorMessage';
import { useServices } from '../../app/AppServices';
import {
  diffText,
  emptyForm,
  errorsOf,
  formOf,
  validateForm,
  warningCount,
  type FieldErrors,
  type SourceForm,
} from '../../stores/sources.logic';
import { Dialog } from '../TreeDialogs/Dialog';
import { SourceFormView } from './SourceFormView';
import './SourcesDialog.css';

type Editing = { id: string | undefined; form: SourceForm; hasToken: boolean };

/** The Sources page: every source with its status, and its form when adding or editing one. */
export function SourcesDialog({ onClose }: { onClose: () => void }) {
  const { client, sources: store } = useServices();
  const sources = useStore(store, (s) => s.sources);
  const progress = useStore(store, (s) => s.progress);
  const [editing, setEditing] = useState<Editing | undefined>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState<string | undefined>();

  const run = async (action: () => Promise<unknown>) => {
    setFailure('');
    try {
      await action();
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };

  const save = async () => {
    if (!editing) return;
    const { draft, errors: found } = validateForm(editing.form);
    setErrors(found);
    if (!draft) return;
    setBusy(true);
    setFailure('');
    try {
      if (editing.id) await client.invoke('sources:update', { id: editing.id, draft });
      else await client.invoke('sources:add', { draft });
      setEditing(undefined);
    } catch (error) {
      if (error instanceof MuxdeckApiError && error.issues) setErrors(errorsOf(error.issues));
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  if (editing) {
    const title = `${editing.id ? 'Edit' : 'Add'} ${editing.form.kind === 'netbox' ? 'NetBox' : 'Ansible'} source`;
    return (
      <Dialog title={title} onClose={() => setEditing(undefined)} wide>
        <SourceFormView
          form={editing.form}
          errors={errors}
          hasToken={editing.hasToken}
          onChange={(patch) => setEditing({ ...editing, form: { ...editing.form, ...patch } })}
        />
        <div className="dialog-footer">
          {failure ? (
            <p className="form-error dialog-error" role="alert">
              {failure}
            </p>
          ) : null}
          <button type="button" className="dialog-button" onClick={() => setEditing(undefined)}>
            Cancel
          </button>
          <button
            type="button"
            className="dialog-button is-primary"
            disabled={busy}
            onClick={() => void save()}
          >
            Save
          </button>
        </div>
      </Dialog>
    );
  }

  const startEdit = (source: SourceInfo) => {
    setErrors({});
    setFailure('');
    setEditing({ id: source.id, form: formOf(source), hasToken: source.hasToken });
  };
  const startAdd = (kind: 'ansible' | 'netbox') => {
    setErrors({});
    setFailure('');
    setEditing({ id: undefined, form: emptyForm(kind), hasToken: false });
  };
  const toggle = (source: SourceInfo) =>
    run(async () => {
      const form = { ...formOf(source), enabled: !source.enabled };
      const { draft } = validateForm(form);
      if (draft) await client.invoke('sources:update', { id: source.id, draft });
    });

  return (
    <Dialog title="Sources" onClose={onClose} wide>
      {sources.length === 0 ? (
        <p className="dialog-message">No sources yet: add a NetBox or an Ansible inventory.</p>
      ) : null}
      <ul className="sources-list" aria-label="Sources">
        {sources.map((source) => {
          const running = progress[source.id] ?? source.progress;
          return (
            <li key={source.id} className={`sources-item is-${source.state}`} aria-label={source.label}>
              <div className="sources-head">
                <span className="sources-name">{source.label}</span>
                <span className="sources-kind">{source.kind === 'netbox' ? 'NetBox' : 'Ansible'}</span>
                <span className="sources-state" aria-label={`Status of ${source.label}`}>
                  {statusText(source)}
                </span>
              </div>
              {source.state === 'syncing' && running ? (
                <div className="sources-progress-row">
                  <progress
                    className="sources-progress"
                    aria-label={`Sync progress of ${source.label}`}
                    value={running.fetched}
                    max={Math.max(running.total, running.fetched, 1)}
                  />
                  <button
                    type="button"
                    className="dialog-button"
                    aria-label={`Cancel syncing ${source.label}`}
                    onClick={() => void run(() => client.invoke('sources:cancelSync', { id: source.id }))}
                  >
                    Cancel
                  </button>
                </div>
              ) : null}
              {source.error ? (
                <p className="sources-error" role="status">
                  {source.error}
                </p>
              ) : null}
              {source.warnings.length > 0 ? (
                <ul className="sources-warnings" aria-label={`Warnings of ${source.label}`}>
                  {source.warnings.slice(0, SHOWN_WARNINGS).map((warning, index) => (
                    <li key={index}>{warning.replace(/^warning: /, '')}</li>
                  ))}
                  {source.warnings.length > SHOWN_WARNINGS ? (
                    <li>and {source.warnings.length - SHOWN_WARNINGS} more</li>
                  ) : null}
                </ul>
              ) : null}
              {source.lastDiff ? (
                <p className="sources-diff" aria-label={`Last changes in ${source.label}`}>
                  Last sync: {diffText(source)}
                  {[
                    ...source.lastDiff.addedLabels.map((l) => `+${l}`),
                    ...source.lastDiff.removedLabels.map((l) => `−${l}`),
                  ]
                    .slice(0, 6)
                    .map((l) => ` ${l}`)
                    .join('')}
                </p>
              ) : null}
              <div className="sources-actions">
                <button
                  type="button"
                  className="dialog-button"
                  disabled={!source.enabled}
                  aria-label={`Sync ${source.label} now`}
                  onClick={() => void run(() => client.invoke('sources:syncNow', { id: source.id }))}
                >
                  Sync now
                </button>
                <button
                  type="button"
                  className="dialog-button"
                  aria-label={`Edit ${source.label}`}
                  onClick={() => startEdit(source)}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="dialog-button"
                  aria-label={`${source.enabled ? 'Disable' : 'Enable'} ${source.label}`}
                  onClick={() => void toggle(source)}
                >
                  {source.enabled ? 'Disable' : 'Enable'}
                </button>
                {confirmRemove === source.id ? (
                  <button
                    type="button"
                    className="dialog-button is-danger"
                    aria-label={`Confirm removing ${source.label}`}
                    onClick={() => void run(() => client.invoke('sources:remove', { id: source.id }))}
                  >
                    Remove (its hosts leave the tree)
                  </button>
                ) : (
                  <button
                    type="button"
                    className="dialog-button"
                    aria-label={`Remove ${source.label}`}
                    onClick={() => setConfirmRemove(source.id)}
                  >
                    Remove
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <div className="dialog-footer">
        {failure ? (
          <p className="form-error dialog-error" role="alert">
            {failure}
          </p>
        ) : null}
        <button type="button" className="dialog-button" onClick={() => startAdd('netbox')}>
          Add NetBox source
        </button>
        <button type="button" className="dialog-button" onClick={() => startAdd('ansible')}>
          Add Ansible source
        </button>
        <button type="button" className="dialog-button is-primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

/** Enough to see what went wrong; a source that warns about every host would fill the page. */
const SHOWN_WARNINGS = 5;

function timeOf(at: number | undefined): string {
  return at === undefined ? '' : new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** "OK · 120 hosts · synced 09:41", "Stale · 120 hosts kept · last good 09:41"... */
function statusText(source: SourceInfo): string {
  const hosts = `${source.hostCount} ${source.hostCount === 1 ? 'host' : 'hosts'}`;
  const synced = source.lastSyncAt ? ` · synced ${timeOf(source.lastSyncAt)}` : '';
  const warned = source.warnings.length > 0 ? ` · ${warningCount(source.warnings.length)}` : '';
  switch (source.state) {
    case 'disabled':
      return 'Disabled';
    case 'pending':
      return `Waiting to sync · ${hosts}${synced}`;
    case 'syncing':
      return `Syncing… · ${hosts}${synced}`;
    case 'ok':
      return `OK · ${hosts}${warned}${synced}`;
    case 'stale':
      return `Stale · ${hosts} kept${source.lastSyncAt ? ` · last good ${timeOf(source.lastSyncAt)}` : ''}`;
    case 'error':
      return 'Error · no hosts yet';
  }
}
