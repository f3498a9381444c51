import { parseArgs } from 'node:util';
import { resolveMuxdeckHome } from '../app/paths';
import { formatDoctorReport, runDoctor, type DoctorEdges } from '../doctor/doctor';
import { systemDoctorEdges } from '../doctor/systemDoctorEdges';
import type { CliContext } from './cliContext';

export const DOCTOR_USAGE = `Usage: muxdeck doctor [--json]

Checks what Muxdeck needs on this machine and says how to fix what is missing: Node.js, the OpenSSH
client, tmux, MUXDECK_HOME, the native modules (node-pty, keytar), the keychain, Electron, the ssh
config and the configured sources. Changes nothing. No secret is ever printed.
  --json   print { ok, checks: [{ id, title, ok, level, detail, fix? }] }
Exit status: 0 when every required check passes (optional ones, such as Electron for serve mode,
may fail), 1 otherwise.`;

export async function doctorCommand(
  args: string[],
  ctx: CliContext,
  /** Tests may stand in for the machine. */
  edges: DoctorEdges = systemDoctorEdges({
    appRoot: ctx.appRoot,
    env: ctx.env,
    home: resolveMuxdeckHome(ctx.env),
    ...(ctx.env.MUXDECK_SSH_CONFIG ? { sshConfigFile: ctx.env.MUXDECK_SSH_CONFIG } : {}),
  }),
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    ctx.stdout(DOCTOR_USAGE);
    return 0;
  }
  const report = await runDoctor(edges);
  ctx.stdout(
    values.json
      ? JSON.stringify(report, null, 2)
      : formatDoctorReport(report, { version: ctx.version, platform: edges.platform }),
  );
  return report.ok ? 0 : 1;
}
