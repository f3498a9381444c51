import { randomBytes } from 'node:crypto';
import type { SessionInfo } from '../../src-preload/api';
import { ApiError } from '../common/apiError';
import { Emitter } from '../common/emitter';
import type { HostCatalog } from '../inventory/hostCatalog';
import type { Clock, CommandRunner } from '../ports';
import type { ConnectionSharing } from '../ssh/connectionSharing';
import { hostNameProblem } from '../ssh/hostNameValidation';
import { buildSshArgv } from '../ssh/sshArgv';
import { sshHostOptionArgs } from '../ssh/sshHostOptions';
import { resolveSshTarget } from '../ssh/sshTarget';
import type { TmuxSessionRecord } from '../tmux/sessionListParser';
import type { TmuxServer } from '../tmux/tmuxServer';
import type { EffectiveSettingsProvider } from '../tree/effectiveSettings';
import type { SessionHealth } from './sessionHealth';
import type { DirectSessions } from './directSessions';
import type { SessionLogs } from './sessionLogs';
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

/**
 * Sessions are tmux sessions on Muxdeck's private server, one per terminal pane,
 * each running ssh. The tmux server is the source of truth: listing it is enough
 * to restore every tab after the app closed or crashed.
 */
export class SessionService {
  private readonly changed = new Emitter<SessionInfo[]>();
  readonly onDidChange = this.changed.on.bind(this.changed);

  constructor(
    private readonly deps: {
      tmux: TmuxServer;
      catalog: HostCatalog;
      ssh: SshClientSettings;
      sharing: ConnectionSharing;
      health: SessionHealth;
      runner: CommandRunner;
      clock: Clock;
      env: NodeJS.ProcessEnv;
      /** Working directory of new sessions (the user's home). */
      cwd: string;
      /**
       * More options Muxdeck itself decides per host (never inventory data): e.g. one password
       * prompt when a password is saved, so a wrong saved one costs one failed login, not three.
       */
      authOptions?: (hostId: string) => Promise<string[]>;
      /** Sessions in `direct` mode (no tmux); absent means direct mode is unavailable. */
      direct?: DirectSessions;
      /** False when this machine has no tmux (Windows): every session then runs direct. Default true. */
      tmuxAvailable?: boolean;
      /** False where ssh has no ControlMaster (Windows): every session makes its own connection. Default true. */
      shareConnections?: boolean;
      /** Session logs; absent means logging is unavailable. */
      logs?: SessionLogs;
      /** Per-session variables for ssh (askpass wiring); never secrets. */
      sessionEnvironment?: (sessionId: string) => Record<string, string>;
      newSessionName?: (prefix: 'mx' | 'dx') => string;
      /** The user's tree: renamed label and inherited user/port/identity/jump host (tree service). */
      settings?: EffectiveSettingsProvider;
    },
  ) {}

  async list(): Promise<SessionInfo[]> {
    const records = await this.deps.tmux.listSessions();
    const inTmux = records.filter((r) => r.options.hostId !== undefined).map((r) => this.toSessionInfo(r));
    return [...inTmux, ...(this.deps.direct?.list() ?? [])];
  }

  async find(sessionId: string): Promise<SessionInfo | undefined> {
    return (await this.list()).find((s) => s.id === sessionId);
  }

  async open(hostId: string, size: { cols: number; rows: number }): Promise<SessionInfo> {
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
    const beforeDestination = [
      ...(configFlag ? ['-F', configFlag] : []),
      ...sshHostOptionArgs(effective?.sshOptions ?? {}),
    ];

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

    const command = buildSshArgv({
      sshPath,
      destination,
      ...(configFlag ? { configFile: configFlag } : {}),
      ...(effective ? { hostOptions: effective.sshOptions } : {}),
      ...(effective?.persistence === 'remote' ? { remoteCommand: REMOTE_TMUX_COMMAND } : {}),
      muxdeckOptions: [
        ...(controlPath ? this.deps.sharing.sshOptions(controlPath) : []),
        ...((await this.deps.authOptions?.(resolved.host.id)) ?? []),
      ],
    });
    const runner = sessionRunner(effective?.persistence ?? 'local', this.deps.tmuxAvailable ?? true);
    const direct = runner === 'direct' ? this.deps.direct : undefined;
    const name = (this.deps.newSessionName ?? defaultSessionName)(direct ? 'dx' : 'mx');
    if (direct) {
      direct.open({
        id: name,
        hostId: resolved.host.id,
        label: effective?.label ?? resolved.host.label,
        argv: command,
        ...(controlPath ? { controlPath } : {}),
        ...(this.deps.sessionEnvironment ? { environment: this.deps.sessionEnvironment(name) } : {}),
        cols: size.cols,
        rows: size.rows,
      });
      const opened = await this.find(name);
      if (!opened) throw new ApiError('INTERNAL', `ssh for ${resolved.host.label} ended at once.`);
      await this.announce();
      return opened;
    }
    await this.deps.tmux.newSession({
      name,
      cols: size.cols,
      rows: size.rows,
      cwd: this.deps.cwd,
      command,
      options: {
        hostId: resolved.host.id,
        label: effective?.label ?? resolved.host.label,
        mode: effective?.persistence === 'remote' ? 'remote' : 'local',
        status: 'connecting',
        statusSince: String(this.deps.clock.now()),
        ...(controlPath ? { controlPath } : {}),
        argv: JSON.stringify(command),
      },
      ...(this.deps.sessionEnvironment ? { environment: this.deps.sessionEnvironment(name) } : {}),
    });
    if (effective?.logging && this.deps.logs) {
      const logFile = await this.deps.logs.start(name, effective.label);
      await this.deps.tmux.setOptions(name, { logFile });
    }
    // A shared master may already be up: the session is connected from its first moment.
    await this.deps.health.reconcile();
    const session = await this.find(name);
    if (!session)
      throw new ApiError('INTERNAL', `tmux did not keep session ${name} for ${resolved.host.label}.`);
    await this.announce();
    return session;
  }

  async reconnect(sessionId: string): Promise<SessionInfo> {
    if (this.deps.direct?.reconnect(sessionId)) {
      const session = await this.find(sessionId);
      if (session) return session;
    }
    const record = await this.record(sessionId);
    await this.deps.health.reconnectNow(record, { resetAttempts: true });
    const session = await this.find(sessionId);
    if (!session) throw new ApiError('NOT_FOUND', `Session ${sessionId} ended while reconnecting.`);
    return session;
  }

  async close(sessionId: string): Promise<boolean> {
    if (this.deps.direct?.close(sessionId)) return true;
    this.deps.health.forget(sessionId);
    const closed = await this.deps.tmux.killSession(sessionId);
    await this.announce();
    return closed;
  }

  /** Tell listeners the set of sessions may have changed (after open, close, or a status change). */
  async announce(): Promise<void> {
    if (this.changed.size === 0) return;
    this.changed.fire(await this.list());
  }

  private async record(sessionId: string): Promise<TmuxSessionRecord> {
    const record = (await this.deps.tmux.listSessions()).find(
      (r) => r.name === sessionId && r.options.hostId,
    );
    if (!record)
      throw new ApiError('NOT_FOUND', `Session ${sessionId} is not running in Muxdeck's tmux server.`);
    return record;
  }

  private toSessionInfo(record: TmuxSessionRecord): SessionInfo {
    const { options } = record;
    const reconnect = this.deps.health.reconnectInfo(record.name);
    const number = (value: string | undefined) => (value && /^\d+$/.test(value) ? Number(value) : undefined);
    const statusSince = number(options.statusSince);
    const connectedAt = number(options.connectedAt);
    return {
      id: record.name,
      hostId: options.hostId ?? '',
      label: options.label ?? record.name,
      createdAt: record.createdAt,
      state: record.paneDead ? 'exited' : 'running',
      ...(record.paneDead && record.paneDeadStatus !== undefined
        ? { exitStatus: record.paneDeadStatus }
        : {}),
      attachedClients: record.attachedClients,
      mode: options.mode === 'remote' || options.mode === 'direct' ? options.mode : 'local',
      status: parseStatus(options.status),
      ...(options.reason ? { reason: options.reason } : {}),
      ...(statusSince !== undefined ? { statusSince } : {}),
      ...(connectedAt !== undefined ? { connectedAt } : {}),
      ...(reconnect ? { reconnect } : {}),
      ...(options.logFile ? { logFile: options.logFile } : {}),
    };
  }
}

function parseStatus(value: string | undefined): SessionInfo['status'] {
  return value === 'connected' || value === 'disconnected' || value === 'error' ? value : 'connecting';
}

/** mx-… for tmux sessions, dx-… for direct ones. */
function defaultSessionName(prefix: 'mx' | 'dx'): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}
