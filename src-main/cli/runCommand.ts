import { parseArgs } from 'node:util';
import {
  RUN_DEFAULT_PARALLEL,
  RUN_DEFAULT_TIMEOUT_SECONDS,
  RUN_MAX_COMMAND_CHARS,
  RUN_MAX_PARALLEL,
  RunCommandText,
} from '../../src-preload/api';
import { resolveMuxdeckHome } from '../app/paths';
import { streamLogger } from '../platform/streamLogger';
import { selectHosts, splitSelection } from '../run/hostSelection';
import { countFailures } from '../run/runService';
import type { CliContext } from './cliContext';
import { openRunEnvironment } from './runEnvironment';
import { runTable } from './runTable';

export const RUN_USAGE = `Usage: muxdeck run --hosts SELECTION [--timeout S] [--parallel N] [--json] -- COMMAND

Runs COMMAND on every selected host at once (ssh -T, never prompting), through the same hosts,
settings and shared connections as the app, and prints one row per host.
  --hosts SELECTION  comma-separated; repeatable. Each item is one of:
                       web1            a host label as the tree shows it (or a host id: ssh-config:web1)
                       'web-*'         a glob over host labels (* and ?)
                       @name           every host in a folder or source group called name, and below
                       'prod/eu/*'     hosts directly in My folders > prod > eu ('prod/eu/**' and
                                       'prod/eu' include subfolders; the last part may be a glob)
                       'ansible/web/*' a path may also start at a source (label or id) and its groups
                     An item that matches no host is an error and nothing runs.
  --timeout S        seconds each host may take, connecting included (default: the app's setting,
                     ${RUN_DEFAULT_TIMEOUT_SECONDS} s unless changed in Settings)
  --parallel N       hosts run at once (default: the app's setting, ${RUN_DEFAULT_PARALLEL} unless changed;
                     at most ${RUN_MAX_PARALLEL})
  --json             print the results (full stdout/stderr per host) as JSON
Exit status: 0 when the command succeeded on every host, 1 when any host failed, timed out,
was unreachable or cancelled (Ctrl+C), 2 for a usage error or an unknown host.`;

export async function runCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      hosts: { type: 'string', multiple: true },
      timeout: { type: 'string' },
      parallel: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    ctx.stdout(RUN_USAGE);
    return 0;
  }
  const usage = (message: string): number => {
    ctx.stderr(`muxdeck run: ${message}\n\n${RUN_USAGE}`);
    return 2;
  };
  const items = (values.hosts ?? []).flatMap(splitSelection);
  if (items.length === 0) return usage('give the hosts with --hosts.');
  const command = positionals.join(' ');
  const checked = RunCommandText.safeParse(command);
  if (!checked.success) {
    return usage(
      command.length > RUN_MAX_COMMAND_CHARS
        ? `the command is longer than ${RUN_MAX_COMMAND_CHARS} characters.`
        : `give the command after --: ${checked.error.issues[0]?.message ?? 'invalid'}.`,
    );
  }
  // Absent: the app's settings (Settings › Run on selection) decide.
  const timeoutSeconds = wholeNumber(values.timeout, 1, 86_400);
  if (timeoutSeconds === null) return usage('--timeout is a whole number of seconds from 1 to 86400.');
  const parallel = wholeNumber(values.parallel, 1, RUN_MAX_PARALLEL);
  if (parallel === null) return usage(`--parallel is a whole number from 1 to ${RUN_MAX_PARALLEL}.`);

  const env = await openRunEnvironment({
    home: resolveMuxdeckHome(ctx.env),
    env: ctx.env,
    logger: streamLogger((line) => ctx.log(line)),
  });
  const selection = selectHosts(items, await env.universe());
  if (!selection.ok) {
    ctx.stderr(`muxdeck run: unknown hosts, nothing was run:\n  ${selection.errors.join('\n  ')}`);
    ctx.stderr('Name hosts by label, glob, @group or tree path (muxdeck run --help).');
    return 2;
  }

  const run = await env.runs.start({
    hostIds: selection.hostIds,
    command,
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    ...(parallel !== undefined ? { parallel } : {}),
  });
  const problems = run.hosts.filter((host) => host.status === 'failed' && host.error);
  if (problems.length === run.hosts.length) {
    // Every host was refused before ssh (hostile names): say so rather than print a table of refusals.
    ctx.stderr(
      `muxdeck run: nothing was run:\n  ${problems.map((h) => `${h.label}: ${h.error}`).join('\n  ')}`,
    );
    await env.runs.finished(run.runId);
    return 2;
  }
  let interrupted = false;
  void ctx.untilStopped().then(() => {
    interrupted = true;
    env.runs.cancel(run.runId);
  });
  const summary = await env.runs.finished(run.runId);
  if (values.json) ctx.stdout(env.runs.export(run.runId, 'json').text.trimEnd());
  else ctx.stdout(runTable(summary));
  return countFailures(summary) > 0 || interrupted ? 1 : 0;
}

/** undefined when not given, null when given wrong. */
function wholeNumber(value: string | undefined, min: number, max: number): number | null | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}
