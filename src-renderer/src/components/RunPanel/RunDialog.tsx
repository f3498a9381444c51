import { useState } from 'react';
import { useServices } from '../../app/AppServices';
import { checkRunForm, targetText, type RunFormProblems } from '../../stores/run/runForm.logic';
import type { RunDefaults } from '../../stores/run/runDefaults.logic';
import type { RunDialogState } from '../../stores/run/runStore';
import { Dialog } from '../TreeDialogs/Dialog';
import { FormField } from '../TreeDialogs/FormField';

/** Asks for the command (and its time-out) to run on the selected hosts. */
export function RunDialog({
  dialog,
  lastCommand,
  defaults,
}: {
  dialog: RunDialogState;
  lastCommand: string;
  defaults: RunDefaults;
}) {
  const { run } = useServices();
  const [command, setCommand] = useState(lastCommand);
  const [timeoutSeconds, setTimeoutSeconds] = useState(String(defaults.timeoutSeconds));
  const [parallel, setParallel] = useState(String(defaults.parallel));
  const [problems, setProblems] = useState<RunFormProblems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const n = dialog.hostIds.length;
  const close = () => run.store.getState().closeDialog();

  const submit = async (event: { preventDefault(): void }) => {
    event.preventDefault();
    const checked = checkRunForm({ command, timeoutSeconds, parallel });
    if (!checked.ok) return setProblems(checked.problems);
    setProblems({});
    setBusy(true);
    const problem = await run.commands.start({
      hostIds: dialog.hostIds,
      command: checked.command,
      timeoutSeconds: checked.timeoutSeconds,
      parallel: checked.parallel,
    });
    setBusy(false);
    setFailure(problem);
  };

  return (
    <Dialog title={`Run a command on ${n === 1 ? '1 host' : `${n} hosts`}`} onClose={close} wide>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <p className="dialog-message">{targetText(dialog.labels)}</p>
        <FormField
          label="Command"
          error={problems.command}
          hint="Runs in each host's login shell without a terminal (ssh -T); nothing can prompt. Ctrl+Enter runs."
        >
          {(control) => (
            <textarea
              {...control}
              data-autofocus
              className="form-input run-command-input"
              rows={3}
              spellCheck={false}
              value={command}
              onChange={(event) => setCommand(event.target.value)}
              onKeyDown={(event) => {
                // Ctrl+Enter runs; Enter alone adds a line (commands may be short scripts).
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit(event);
              }}
            />
          )}
        </FormField>
        <div className="form-grid run-form-numbers">
          <FormField label="Time-out per host (seconds)" error={problems.timeoutSeconds}>
            {(control) => (
              <input
                {...control}
                className="form-input"
                inputMode="numeric"
                value={timeoutSeconds}
                onChange={(event) => setTimeoutSeconds(event.target.value)}
              />
            )}
          </FormField>
          <FormField label="Hosts at once" error={problems.parallel}>
            {(control) => (
              <input
                {...control}
                className="form-input"
                inputMode="numeric"
                value={parallel}
                onChange={(event) => setParallel(event.target.value)}
              />
            )}
          </FormField>
        </div>
        <div className="dialog-footer">
          {failure ? (
            <p className="form-error dialog-error" role="alert">
              {failure}
            </p>
          ) : null}
          <button type="button" className="dialog-button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="dialog-button is-primary" disabled={busy}>
            {n === 1 ? 'Run' : `Run on ${n} hosts`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
