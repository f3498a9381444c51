import { memo, useRef, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { RunHostOutput, RunHostSummary } from '../../../../src-preload/api';
import { useServices } from '../../app/AppServices';
import {
  formatDuration,
  outputSummary,
  progressText,
  visibleHosts,
  failedHostIds,
} from '../../stores/run/runView.logic';
import { runDefaultsFrom } from '../../stores/run/runDefaults.logic';
import { RunDialog } from './RunDialog';
import './RunPanel.css';

/** Run on selection: the dialog when asked, and the results grid of the latest run. */
export function RunPanel() {
  const { run, settings } = useServices();
  const state = useStore(run.store);
  const appSettings = useStore(settings, (s) => s.settings);
  return (
    <>
      {state.dialog ? (
        <RunDialog
          dialog={state.dialog}
          lastCommand={state.lastCommand}
          defaults={runDefaultsFrom(appSettings)}
        />
      ) : null}
      {state.run ? <RunResults /> : null}
    </>
  );
}

function RunResults() {
  const { run } = useServices();
  const { run: summary, failedOnly, expanded, outputs } = useStore(run.store);
  const gridRef = useRef<HTMLTableElement>(null);
  if (!summary) return null;
  const hosts = visibleHosts(summary, failedOnly);
  const failed = failedHostIds(summary).length;
  const store = run.store.getState();

  // Up/Down move between rows, as in any grid; Enter or Space on a row toggles its output.
  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...(gridRef.current?.querySelectorAll<HTMLButtonElement>('.run-expand') ?? [])];
    const at = buttons.findIndex((button) => button === document.activeElement);
    const next = buttons[at + (event.key === 'ArrowDown' ? 1 : -1)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  return (
    <section className="run-panel" aria-label="Run results">
      <header className="run-header">
        <div className="run-title">
          <span className="run-command" title={summary.command}>
            $ {summary.command}
          </span>
          <span className="run-progress" role="status" aria-live="polite">
            {summary.cancelled ? 'Cancelled · ' : ''}
            {progressText(summary)}
          </span>
        </div>
        <div className="run-actions">
          <label className="run-filter">
            <input
              type="checkbox"
              checked={failedOnly}
              onChange={(event) => store.setFailedOnly(event.target.checked)}
            />
            Failed only
          </label>
          {!summary.done ? (
            <button type="button" className="run-button" onClick={() => void run.commands.cancel()}>
              Cancel run
            </button>
          ) : (
            <button
              type="button"
              className="run-button"
              disabled={failed === 0}
              onClick={() => void run.commands.rerunFailed()}
            >
              Re-run on failed{failed > 0 ? ` (${failed})` : ''}
            </button>
          )}
          <button type="button" className="run-button" onClick={() => void run.commands.copyResults('csv')}>
            Copy CSV
          </button>
          <button type="button" className="run-button" onClick={() => void run.commands.copyResults('json')}>
            Copy JSON
          </button>
          <button type="button" className="run-button" onClick={() => void run.commands.exportResults('csv')}>
            Export CSV
          </button>
          <button
            type="button"
            className="run-button"
            onClick={() => void run.commands.exportResults('json')}
          >
            Export JSON
          </button>
          <button
            type="button"
            className="run-button"
            aria-label="Close run results"
            disabled={!summary.done}
            title={summary.done ? undefined : 'Cancel the run first'}
            onClick={() => store.closePanel()}
          >
            ×
          </button>
        </div>
      </header>
      <div className="run-grid-scroll">
        <table
          ref={gridRef}
          role="grid"
          aria-label="Run results"
          aria-rowcount={hosts.length + 1}
          className="run-grid"
          onKeyDown={onKeyDown}
        >
          <thead>
            <tr role="row">
              <th role="columnheader">Host</th>
              <th role="columnheader">Status</th>
              <th role="columnheader">Exit</th>
              <th role="columnheader">Duration</th>
              <th role="columnheader">Output</th>
            </tr>
          </thead>
          <tbody>
            {hosts.map((host) => (
              <HostRows
                key={host.hostId}
                host={host}
                open={expanded.includes(host.hostId)}
                output={outputs[host.hostId]}
                onToggle={run.commands.toggleExpanded}
              />
            ))}
            {hosts.length === 0 ? (
              <tr role="row">
                <td role="gridcell" colSpan={5} className="run-empty">
                  {failedOnly ? 'No host failed.' : 'No hosts.'}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Memoised: a progress event replaces one host's summary, so only that row renders again. */
const HostRows = memo(function HostRows({
  host,
  open,
  output,
  onToggle,
}: {
  host: RunHostSummary;
  open: boolean;
  output: RunHostOutput | 'loading' | { error: string } | undefined;
  onToggle: (hostId: string) => void;
}) {
  return (
    <>
      <tr role="row" aria-expanded={open} className={`run-row is-${host.status}`}>
        <td role="gridcell">
          <button
            type="button"
            className="run-expand"
            aria-expanded={open}
            onClick={() => onToggle(host.hostId)}
          >
            <span aria-hidden="true">{open ? '▾' : '▸'}</span> {host.label}
          </button>
        </td>
        <td role="gridcell">
          <span className={`run-status is-${host.status}`}>{host.status}</span>
        </td>
        <td role="gridcell">{host.exitCode ?? ''}</td>
        <td role="gridcell">{formatDuration(host.durationMs)}</td>
        <td role="gridcell" className="run-first-line" title={outputSummary(host)}>
          {outputSummary(host)}
        </td>
      </tr>
      {open ? (
        <tr role="row" className="run-detail">
          <td role="gridcell" colSpan={5}>
            <HostOutput host={host} output={output} />
          </td>
        </tr>
      ) : null}
    </>
  );
});

function HostOutput({
  host,
  output,
}: {
  host: RunHostSummary;
  output: RunHostOutput | 'loading' | { error: string } | undefined;
}) {
  if (output === undefined || output === 'loading') return <p className="run-note">Loading output…</p>;
  if ('error' in output) return <p className="run-note">Could not load the output: {output.error}</p>;
  return (
    <div className="run-output">
      {host.error ? <p className="run-note">{host.error}</p> : null}
      <h3 className="run-stream-title">
        stdout{output.stdoutTruncated ? ' (truncated to the first 1 MB)' : ''}
      </h3>
      <pre aria-label={`stdout of ${host.label}`} className="run-stream">
        {output.stdout || '(empty)'}
      </pre>
      <h3 className="run-stream-title">
        stderr{output.stderrTruncated ? ' (truncated to the first 1 MB)' : ''}
      </h3>
      <pre aria-label={`stderr of ${host.label}`} className="run-stream">
        {output.stderr || '(empty)'}
      </pre>
    </div>
  );
}
