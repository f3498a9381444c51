import { useEffect, useState } from 'react';
import type { DoctorCheck, RequestResult } from '../../../../src-preload/api';
import { errorMessage } from '../../app/errorMessage';
import { useServices } from '../../app/AppServices';
import { Dialog } from '../TreeDialogs/Dialog';
import './DiagnoseDialog.css';

type Diagnosis = RequestResult<'app:diagnose'>;

type Shown =
  { state: 'running' } | { state: 'done'; diagnosis: Diagnosis } | { state: 'failed'; message: string };

/** What a screen reader says for a check: its name and whether it works. */
function verdict(check: DoctorCheck): string {
  if (check.ok) return `${check.title}: works`;
  return `${check.title}: failed${check.level === 'optional' ? ' (optional)' : ''}`;
}

/**
 * Help → Diagnose: the checks of `muxdeck doctor`, run by the main process on its own machine (which in
 * serve mode is the jump box, not this browser's), with "Copy report" for a bug report or a colleague.
 */
export function DiagnoseDialog({ onClose }: { onClose: () => void }) {
  const { client, terminal } = useServices();
  const [shown, setShown] = useState<Shown>({ state: 'running' });
  const [copied, setCopied] = useState<string | null>(null);

  // Each "Run again" asks again; an answer for an earlier run or a closed dialog is dropped.
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    client.invoke('app:diagnose', {}).then(
      (diagnosis) => current && setShown({ state: 'done', diagnosis }),
      (error: unknown) => current && setShown({ state: 'failed', message: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [client, round]);

  const runAgain = (): void => {
    setShown({ state: 'running' });
    setCopied(null);
    setRound((n) => n + 1);
  };

  const copy = (text: string): void => {
    terminal.clipboard.writeText(text).then(
      () => setCopied('Report copied.'),
      (error: unknown) => setCopied(`Could not copy the report: ${errorMessage(error)}`),
    );
  };

  const diagnosis = shown.state === 'done' ? shown.diagnosis : undefined;
  return (
    <Dialog title="Diagnose" onClose={onClose} wide>
      <p className="dialog-message" role="status" aria-live="polite">
        {shown.state === 'running'
          ? 'Checking…'
          : shown.state === 'failed'
            ? `The checks could not run: ${shown.message}`
            : shown.diagnosis.ok
              ? 'Everything Muxdeck needs works.'
              : 'Something Muxdeck needs does not work: see the fixes below.'}
      </p>
      {diagnosis ? (
        <ul className="diagnose-checks" aria-label="Checks">
          {diagnosis.checks.map((check) => (
            <li
              key={check.id}
              aria-label={verdict(check)}
              className={`diagnose-check ${check.ok ? 'is-ok' : check.level === 'optional' ? 'is-optional' : 'is-failed'}`}
            >
              <span className="diagnose-mark" aria-hidden="true">
                {check.ok ? '✓' : '✗'}
              </span>
              <div className="diagnose-body">
                <div className="diagnose-title">
                  {check.title}
                  {!check.ok && check.level === 'optional' ? (
                    <span className="diagnose-level"> optional</span>
                  ) : null}
                </div>
                <div className="diagnose-detail">{check.detail}</div>
                {!check.ok && check.fix ? <div className="diagnose-fix">Fix: {check.fix}</div> : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="dialog-footer">
        {copied ? (
          <span className="dialog-error" role="status">
            {copied}
          </span>
        ) : null}
        <button
          type="button"
          className="dialog-button"
          onClick={runAgain}
          disabled={shown.state === 'running'}
        >
          Run again
        </button>
        <button
          type="button"
          className="dialog-button"
          disabled={!diagnosis}
          onClick={() => diagnosis && copy(diagnosis.text)}
        >
          Copy report
        </button>
        <button type="button" className="dialog-button is-primary" data-autofocus onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
