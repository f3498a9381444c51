import type { RunStartParams } from '../../../src-preload/api';
import { errorMessage } from '../app/errorMessage';
import type { MuxdeckClient } from '../bridge/client';
import type { AppStore } from '../stores/appStore';
import { failedHostIds } from '../stores/run/runView.logic';
import type { RunStore } from '../stores/run/runStore';

export interface RunCommands {
  /** Opens the "Run command" dialog for these hosts. */
  openDialog(hostIds: readonly string[], labels: readonly string[]): void;
  start(params: {
    hostIds: string[];
    command: string;
    timeoutSeconds: number;
    parallel?: number;
  }): Promise<string | null>;
  cancel(): Promise<void>;
  rerunFailed(): Promise<void>;
  /** A property, not a method: the grid hands it to every row as is. */
  toggleExpanded: (hostId: string) => void;
  exportResults(format: 'csv' | 'json'): Promise<void>;
  copyResults(format: 'csv' | 'json'): Promise<void>;
}

export interface RunCommandDeps {
  client: MuxdeckClient;
  run: RunStore;
  app: AppStore;
  clipboard: { writeText(text: string): Promise<void> };
  download: (fileName: string, text: string, mimeType: string) => void;
}

export function createRunCommands(deps: RunCommandDeps): RunCommands {
  const state = () => deps.run.getState();
  const notify = (message: string) => deps.app.getState().notify(message);

  /** Resolves with an error message for the dialog, or null once the run started. */
  async function start(params: RunStartParams & { timeoutSeconds: number }): Promise<string | null> {
    try {
      const run = await deps.client.invoke('run:start', params);
      state().started(run, params.command);
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  }

  async function exported(format: 'csv' | 'json') {
    const run = state().run;
    if (!run) return null;
    try {
      return await deps.client.invoke('run:export', {
        runId: run.runId,
        format,
        failedOnly: state().failedOnly,
      });
    } catch (error) {
      notify(`Could not export the results: ${errorMessage(error)}`);
      return null;
    }
  }

  return {
    openDialog(hostIds, labels) {
      if (hostIds.length === 0) return notify('Select hosts to run a command on.');
      state().openDialog({ hostIds: [...hostIds], labels: [...labels] });
    },
    start,
    async cancel() {
      const run = state().run;
      if (!run || run.done) return;
      try {
        await deps.client.invoke('run:cancel', { runId: run.runId });
      } catch (error) {
        notify(`Could not cancel the run: ${errorMessage(error)}`);
      }
    },
    async rerunFailed() {
      const run = state().run;
      if (!run) return;
      const hostIds = failedHostIds(run);
      if (hostIds.length === 0) return;
      const problem = await start({
        hostIds,
        command: run.command,
        timeoutSeconds: run.timeoutSeconds,
        parallel: run.parallel,
      });
      if (problem) notify(`Could not re-run: ${problem}`);
    },
    toggleExpanded(hostId) {
      const run = state().run;
      state().toggleExpanded(hostId);
      if (!run || !state().expanded.includes(hostId)) return;
      const have = state().outputs[hostId];
      const host = run.hosts.find((h) => h.hostId === hostId);
      // Fetched again while the host is still running; kept once it has ended.
      if (have && have !== 'loading' && host && host.status !== 'running' && host.status !== 'pending')
        return;
      state().outputLoaded(hostId, 'loading');
      deps.client.invoke('run:output', { runId: run.runId, hostId }).then(
        (output) => state().outputLoaded(hostId, output),
        (error: unknown) => state().outputLoaded(hostId, { error: errorMessage(error) }),
      );
    },
    async exportResults(format) {
      const file = await exported(format);
      if (file) deps.download(file.fileName, file.text, file.mimeType);
    },
    async copyResults(format) {
      const file = await exported(format);
      if (!file) return;
      try {
        await deps.clipboard.writeText(file.text);
        notify(`Copied the results as ${format.toUpperCase()}.`);
      } catch (error) {
        notify(`Could not copy the results: ${errorMessage(error)}`);
      }
    },
  };
}

/** Follows the runs this window started. Returns the function that stops. */
export function followRuns(client: MuxdeckClient, run: RunStore): () => void {
  const stopProgress = client.on('run:progress', (event) => {
    run.getState().progress(event);
    // An open row whose host just ended shows its final output.
    const { host } = event;
    if (host.status === 'running' || host.status === 'pending') return;
    if (!run.getState().expanded.includes(host.hostId)) return;
    client.invoke('run:output', { runId: event.runId, hostId: host.hostId }).then(
      (output) => run.getState().outputLoaded(host.hostId, output),
      () => undefined,
    );
  });
  const stopFinished = client.on('run:finished', (summary) => run.getState().finished(summary));
  return () => {
    stopProgress();
    stopFinished();
  };
}
