import { randomBytes } from 'node:crypto';
import type { SessionInfo } from '../../src-preload/api';
import { ApiError } from '../common/apiError';
import { Emitter } from '../common/emitter';
import type { HostCatalog } from '../inventory/hostCatalog';
import type { CommandRunner } from '../ports';
import type { ConnectionSharing } from '../ssh/connectionSharing';
import { hostNameProblem } from '../ssh/hostNameValidation';
import { findJumpLoop, jumpLoopMessage, refusalCommand } from '../ssh/jumpLoop';
import { buildSshArgv } from '../ssh/sshArgv';
import { sshHostOptionArgs } from '../ssh/sshHostOptions';
import { resolveSshTarget } from '../ssh/sshTarget';
import type { EffectiveSettingsProvider } from '../tree/effectiveSettings';
import { connectDeadlineFor } from './connectDeadline';
import type { AgentOwner, SessionBackend } from './sessionBackend';
import { sessionRunner } from './sessionRunner';

/**
 * Remote persistence: the shell runs in a tmux on the host itself, on its own socket (-L) so the
 * user's own tmux there is untouched; `new -A` reattaches, from this machine or another Muxdeck.
 */
export const REMOTE_TMUX_COMMAND = ['tmux', '-L', 'muxdeck', 'new-session', '-A', '-s', 'muxdeck'] as const;

export interface SshClientSettings {
  sshPath: string;
  /** `-F` value, present only when the config file is not ssh's default. */
  configFlag?: string;
}

/** The default connect deadline when the host's config sets no ConnectTimeout (Settings). */
const DEFAULT_CONNECT_TIMEOUT_SECONDS = 20;

/**
 * The sessions of every backend, one per terminal pane, each running ssh. This service decides what
 * ssh runs (argv, shared connection, deadline) and which backend runs it; the backends (tmux, direct)
 * run it, watch it and tell how it ended, each in the same way (sessionBackend.ts).
 */
export class SessionService {
  private readonly changed = new Emitter<SessionInfo[]>();
  readonly onDidChange = this.changed.on.bind(this.changed);

  constructor(
    private readonly deps: {
      /** Sessions in Muxdeck's tmux server. */
      tmux: SessionBackend;
      /** Sessions in `direct` mode (no tmux); absent means direct mode is unavailable. */
      direct?: SessionBackend;
      catalog: HostCatalog;
      ssh: SshClientSettings;
      sharing: ConnectionSharing;
      runner: CommandRunner;
      env: NodeJS.ProcessEnv;
      /**
       * More options Muxdeck itself decides per host (never inventory data): e.g. one password
       * prompt when a password is saved, so a wrong saved one costs one failed login, not three.
       */
      authOptions?: (hostId: string) => Promise<string[]>;
      /** False when this machine has no tmux (Windows): every session then runs direct. Default true. */
      tmuxAvailable?: boolean;
      /** False where ssh has no ControlMaster (Windows): every session makes its own connection. Default true. */
      shareConnections?: boolean;
      /** Per-session variables for ssh (askpass wiring); never secrets. */
      sessionEnvironment?: (sessionId: string) => Record<string, string>;
      newSessionName?: (prefix: 'mx' | 'dx') => string;
      /** The user's tree: renamed label and inherited user/port/identity/jump host (tree service). */
      settings?: EffectiveSettingsProvider;
      /** Settings → connect deadline (seconds), read at each open. */
      connectTimeoutSeconds?: () => number;
      /**
       * The hosts' names as the tree shows them now (a rename after the session opened), by host id;
       * a host no source lists any more keeps the name its session was opened with.
       */
      currentLabels?: (hostIds: readonly string[]) => Promise<ReadonlyMap<string, string>>;
    },
  ) {}

  private get backends(): SessionBackend[] {
    return this.deps.direct ? [this.deps.tmux, this.deps.direct] : [this.deps.tmux];
  }

  async list(): Promise<SessionInfo[]> {
    const sessions = (await Promise.all(this.backends.map((backend) => backend.list()))).flat();
    if (!this.deps.currentLabels || sessions.length === 0) return sessions;
    const labels = await this.deps
      .currentLabels([...new Set(sessions.map((s) => s.hostId))])
      .catch(() => new Map<string, string>());
    return sessions.map((session) => {
      const label = labels.get(session.hostId);
      return label === undefined || label === session.label ? session : { ...session, label };
    });
  }

  async find(sessionId: string): Promise<SessionInfo | undefined> {
    return (await this.list()).find((s) => s.id === sessionId);
  }

  /**
   * With `agent`, the session is an AI agent's: always a local tmux session (the agent reads its pane
   * through tmux, and the human sees it as a tab), never remote tmux or direct, and never logged (the
   * agent's output capture takes the pane's pipe).
   */
  async open(
    hostId: string,
    size: { cols: number; rows: number },
    extra: { agent?: AgentOwner } = {},
  ): Promise<SessionInfo> {
    const resolved = await this.deps.catalog.find(hostId);
    if (!resolved)
      throw new ApiError('NOT_FOUND', `No host with id ${JSON.stringify(hostId)} in any source.`);
    const destination = resolved.source.sshDestination(resolved.host);
    const problem = hostNameProblem(destination);
    if (problem) {
      throw new ApiError(
        'INVALID_HOST',
        `Refusing to connect to ${JSON.stringify(destination)}: ${problem}.`,
      );
    }
    const effective = this.deps.settings?.effectiveSettings(resolved.host, resolved.source.kind);
    const { sshPath, configFlag } = this.deps.ssh;
    const configOptions = configFlag ? ['-F', configFlag] : [];
    const beforeDestination = [...configOptions, ...sshHostOptionArgs(effective?.sshOptions ?? {})];

    // Share one connection per real target: a second pane to the same place opens without a handshake.
    const target = await resolveSshTarget({
      runner: this.deps.runner,
      sshPath,
      options: beforeDestination,
      destination,
      env: this.deps.env,
    });
    const controlPath =
      target && this.deps.shareConnections !== false
        ? this.deps.sharing.controlPathFor(destination, target)
        : undefined;
    if (controlPath) await this.deps.sharing.ensureUsable(controlPath, destination, beforeDestination);

    const sshArgv = buildSshArgv({
      sshPath,
      destination,
      ...(configFlag ? { configFile: configFlag } : {}),
      ...(effective ? { hostOptions: effective.sshOptions } : {}),
      ...(effective?.persistence === 'remote' && !extra.agent ? { remoteCommand: REMOTE_TMUX_COMMAND } : {}),
      muxdeckOptions: [
        ...(controlPath ? this.deps.sharing.sshOptions(controlPath) : []),
        ...((await this.deps.authOptions?.(resolved.host.id)) ?? []),
      ],
    });
    const loop = target
      ? await findJumpLoop({
          runner: this.deps.runner,
          sshPath,
          configOptions,
          destination,
          target,
          env: this.deps.env,
        })
      : undefined;
    const runner = extra.agent
      ? 'tmux'
      : sessionRunner(effective?.persistence ?? 'local', this.deps.tmuxAvailable ?? true);
    if (extra.agent && this.deps.tmuxAvailable === false)
      throw new ApiError('INTERNAL', 'Agent sessions need tmux, and this machine has none.');
    const backend = runner === 'direct' ? this.deps.direct : this.deps.tmux;
    if (!backend) throw new ApiError('INTERNAL', 'Direct sessions are not available here.');
    const name = (this.deps.newSessionName ?? defaultSessionName)(runner === 'direct' ? 'dx' : 'mx');
    const label = effective?.label ?? resolved.host.label;
    await backend.open({
      id: name,
      hostId: resolved.host.id,
      label,
      // A jump-host loop would fork ssh without end: the pane says so instead (and ends as a failure).
      argv: loop ? refusalCommand(jumpLoopMessage(loop)) : sshArgv,
      mode: effective?.persistence === 'remote' && !extra.agent ? 'remote' : 'local',
      ...(controlPath ? { controlPath } : {}),
      ...(this.deps.sessionEnvironment ? { environment: this.deps.sessionEnvironment(name) } : {}),
      cols: size.cols,
      rows: size.rows,
      deadline: connectDeadlineFor(
        target,
        this.deps.connectTimeoutSeconds?.() ?? DEFAULT_CONNECT_TIMEOUT_SECONDS,
      ),
      ...(effective?.logging && !extra.agent ? { logging: { label } } : {}),
      ...(extra.agent ? { agent: extra.agent } : {}),
    });
    const session = await this.find(name);
    if (!session) throw new ApiError('INTERNAL', `The session for ${resolved.host.label} ended at once.`);
    await this.announce();
    return session;
  }

  async reconnect(sessionId: string): Promise<SessionInfo> {
    const backend = await this.backendOf(sessionId);
    if (!backend || !(await backend.reconnect(sessionId)))
      throw new ApiError('NOT_FOUND', `Session ${sessionId} is not running in Muxdeck.`);
    const session = await this.find(sessionId);
    if (!session) throw new ApiError('NOT_FOUND', `Session ${sessionId} ended while reconnecting.`);
    await this.announce();
    return session;
  }

  /** "Share with agents" (or its undoing) on a human's session; the agent side honours `@muxdeck_shared`. */
  async shareWithAgents(sessionId: string, shared: boolean): Promise<SessionInfo> {
    const backend = await this.backendOf(sessionId);
    if (!backend) throw new ApiError('NOT_FOUND', `Session ${sessionId} is not running in Muxdeck.`);
    if (!backend.shareWithAgents || !(await backend.shareWithAgents(sessionId, shared)))
      throw new ApiError(
        'INVALID_PAYLOAD',
        'Only sessions in Muxdeck’s tmux server can be shared with agents (this one runs without tmux).',
      );
    const session = await this.find(sessionId);
    if (!session) throw new ApiError('NOT_FOUND', `Session ${sessionId} ended meanwhile.`);
    await this.announce();
    return session;
  }

  async close(sessionId: string): Promise<boolean> {
    const backend = await this.backendOf(sessionId);
    const closed = backend ? await backend.close(sessionId) : false;
    await this.announce();
    return closed;
  }

  /** Tell listeners the set of sessions may have changed (after open, close, or a status change). */
  async announce(): Promise<void> {
    if (this.changed.size === 0) return;
    this.changed.fire(await this.list());
  }

  private async backendOf(sessionId: string): Promise<SessionBackend | undefined> {
    for (const backend of this.backends) if (await backend.has(sessionId)) return backend;
    return undefined;
  }
}

/** mx-… for tmux sessions, dx-… for direct ones. */
function defaultSessionName(prefix: 'mx' | 'dx'): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}
