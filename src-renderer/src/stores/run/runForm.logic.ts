import { RUN_MAX_PARALLEL, RunCommandText } from '../../../../src-preload/api';

export interface RunFormValues {
  command: string;
  timeoutSeconds: string;
  parallel: string;
}

export interface RunFormProblems {
  command?: string;
  timeoutSeconds?: string;
  parallel?: string;
}

export type RunFormResult =
  | { ok: true; command: string; timeoutSeconds: number; parallel: number }
  | { ok: false; problems: RunFormProblems };

/** The same limits the main process enforces (api.ts), said in the form before anything is sent. */
export function checkRunForm(values: RunFormValues): RunFormResult {
  const problems: RunFormProblems = {};
  const command = RunCommandText.safeParse(values.command);
  if (!command.success) problems.command = command.error.issues[0]?.message ?? 'invalid command';
  const timeout = wholeNumber(values.timeoutSeconds, 1, 86_400);
  if (timeout === undefined) problems.timeoutSeconds = 'whole seconds, from 1 to 86400';
  const parallel = wholeNumber(values.parallel, 1, RUN_MAX_PARALLEL);
  if (parallel === undefined) problems.parallel = `from 1 to ${RUN_MAX_PARALLEL}`;
  if (!command.success || timeout === undefined || parallel === undefined) return { ok: false, problems };
  return { ok: true, command: values.command, timeoutSeconds: timeout, parallel };
}

function wholeNumber(text: string, min: number, max: number): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n >= min && n <= max ? n : undefined;
}

/** "web1, web2 and 3 more" */
export function targetText(labels: readonly string[]): string {
  if (labels.length <= 3) return labels.join(', ');
  return `${labels.slice(0, 3).join(', ')} and ${labels.length - 3} more`;
}
