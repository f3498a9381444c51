import type { HostCatalog } from '../inventory/hostCatalog';
import type { CommandRunner } from '../ports';
import type { ConnectionSharing } from '../ssh/connectionSharing';
import { hostNameProblem } from '../ssh/hostNameValidation';
import { sshHostOptionArgs } from '../ssh/sshHostOptions';
import { resolveSshTarget, type SshTarget } from '../ssh/sshTarget';
import type { EffectiveSettingsProvider } from '../tree/effectiveSettings';
import { buildRunArgv } from './runArgv';

/** Muxdeck's connect time-out for a run when ssh -G says the user's config sets none. */
export const DEFAULT_RUN_CONNECT_TIMEOUT_SECONDS = 15;

/** A host of a run as the grid names it, and why it cannot be run on, if it cannot. */
export interface RunTarget {
  hostId: string;
  label: string;
  /** Unknown id, hostile name or option: the host is reported failed and ssh is never started. */
  problem?: string;
  /** Builds the ssh argv for a command; absent when there is a problem. */
  argv?: (command: string, timeoutSeconds: number) => Promise<string[]>;
}

export interface RunTargetDeps {
  catalog: HostCatalog;
  settings?: EffectiveSettingsProvider;
  ssh: { sshPath: string; configFlag?: string };
  runner: CommandRunner;
  /** Shared connections: a run rides on the master of an open session, and leaves one for the next. */
  sharing?: ConnectionSharing;
  env: NodeJS.ProcessEnv;
}

/**
 * Resolves host ids the same way sessions do (catalog, the user's tree settings, ssh -G for the shared
 * connection), so a run goes exactly where a double-click would.
 */
export async function resolveRunTargets(
  deps: RunTargetDeps,
  hostIds: readonly string[],
): Promise<RunTarget[]> {
  const targets: RunTarget[] = [];
  const found = await deps.catalog.findMany(hostIds);
  for (const hostId of hostIds) {
    const resolved = found.get(hostId);
    if (!resolved) {
      targets.push({
        hostId,
        label: hostId,
        problem: `No host with id ${JSON.stringify(hostId)} in any source`,
      });
      continue;
    }
    const effective = deps.settings?.effectiveSettings(resolved.host, resolved.source.kind);
    const label = effective?.label ?? resolved.host.label;
    let destination: string;
    try {
      destination = resolved.source.sshDestination(resolved.host);
    } catch (error) {
      // A synced source refuses hosts its mapper flagged (hostile name, no address).
      targets.push({ hostId, label, problem: (error as Error).message.replace(/\.$/, '') });
      continue;
    }
    const problem = hostNameProblem(destination);
    if (problem) {
      targets.push({
        hostId,
        label,
        problem: `Refusing to run on ${JSON.stringify(destination)}: ${problem}`,
      });
      continue;
    }
    const hostOptions = effective?.sshOptions ?? {};
    let before: string[];
    try {
      before = [
        ...(deps.ssh.configFlag ? ['-F', deps.ssh.configFlag] : []),
        ...sshHostOptionArgs(hostOptions),
      ];
    } catch (error) {
      targets.push({ hostId, label, problem: (error as Error).message.replace(/\.$/, '') });
      continue;
    }
    targets.push({
      hostId,
      label,
      argv: async (command, timeoutSeconds) => {
        const target = await resolveSshTarget({
          runner: deps.runner,
          sshPath: deps.ssh.sshPath,
          options: before,
          destination,
          env: deps.env,
        });
        const muxdeckOptions = await sharedConnectionOptions(deps, destination, before, target);
        // The user's ConnectTimeout (config or host settings, as ssh -G resolves it) is theirs to keep.
        const ownTimeout = target?.connectTimeoutSeconds !== undefined;
        return buildRunArgv({
          sshPath: deps.ssh.sshPath,
          ...(deps.ssh.configFlag ? { configFile: deps.ssh.configFlag } : {}),
          destination,
          hostOptions,
          muxdeckOptions,
          ...(ownTimeout
            ? {}
            : { connectTimeoutSeconds: Math.min(timeoutSeconds, DEFAULT_RUN_CONNECT_TIMEOUT_SECONDS) }),
          command,
        });
      },
    });
  }
  return targets;
}

async function sharedConnectionOptions(
  deps: RunTargetDeps,
  destination: string,
  before: readonly string[],
  target: SshTarget | undefined,
): Promise<string[]> {
  if (!deps.sharing || !target) return [];
  const controlPath = deps.sharing.controlPathFor(destination, target);
  await deps.sharing.ensureUsable(controlPath, destination, before);
  return deps.sharing.sshOptions(controlPath);
}
