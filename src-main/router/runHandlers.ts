import type { RunService } from '../run/runService';
import type { Handlers } from './router';

type RunChannel = 'run:start' | 'run:cancel' | 'run:get' | 'run:output' | 'run:export';

/** Run on selection; progress goes to the window that started the run. Payloads are validated already. */
export function createRunHandlers(runs: RunService): Pick<Handlers, RunChannel> {
  return {
    'run:start': (params, ctx) =>
      runs.start(params, {
        progress: (payload) => ctx.send({ event: 'run:progress', payload }),
        finished: (payload) => ctx.send({ event: 'run:finished', payload }),
      }),
    'run:cancel': ({ runId }) => ({ cancelled: runs.cancel(runId) }),
    'run:get': ({ runId }) => runs.get(runId),
    'run:output': ({ runId, hostId }) => runs.output(runId, hostId),
    'run:export': ({ runId, format, failedOnly }) => runs.export(runId, format, failedOnly),
  };
}
