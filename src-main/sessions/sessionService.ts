import { randomBytes } from 'node:crypto';
import type { SessionInfo } from '../../src-preload/api';
import { ApiError } from '../common/apiError';
import { Emitter } from '../common/emitter';
import type { HostCatalog } from '../inventory/hostCatalog';
import { hostNameProblem } from '../ssh/hostNameValidation';
import { buildSshArgv } from '../ssh/sshArgv';
import type { TmuxSessionRecord } from '../tmux/sessionListParser';
import type { TmuxServer } from '../tmux/tmuxServer';

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
      /** Working directory of new sessions (the user's home). */
      cwd: string;
      newSessionName?: () => string;
    },
  ) {}

  async list(): Promise<SessionInfo[]> {
    const records = await this.deps.tmux.listSessions();
    return records.filter((r) => r.hostId !== undefined).map(toSessionInfo);
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
    const command = buildSshArgv({
      sshPath: this.deps.ssh.sshPath,
      destination,
      ...(this.deps.ssh.configFlag ? { configFile: this.deps.ssh.configFlag } : {}),
    });
    const name = (this.deps.newSessionName ?? defaultSessionName)();
    await this.deps.tmux.newSession({
      name,
      cols: size.cols,
      rows: size.rows,
      cwd: this.deps.cwd,
      command,
      hostId: resolved.host.id,
      label: resolved.host.label,
    });
    const session = await this.find(name);
    if (!session)
      throw new ApiError('INTERNAL', `tmux did not keep session ${name} for ${resolved.host.label}.`);
    await this.announce();
    return session;
  }

  async close(sessionId: string): Promise<boolean> {
    const closed = await this.deps.tmux.killSession(sessionId);
    await this.announce();
    return closed;
  }

  /** Tell listeners the set of sessions may have changed (after open, close, or a client ending). */
  async announce(): Promise<void> {
    if (this.changed.size === 0) return;
    this.changed.fire(await this.list());
  }
}

function defaultSessionName(): string {
  return `mx-${randomBytes(6).toString('hex')}`;
}

function toSessionInfo(record: TmuxSessionRecord): SessionInfo {
  return {
    id: record.name,
    hostId: record.hostId ?? '',
    label: record.label ?? record.name,
    createdAt: record.createdAt,
    state: record.paneDead ? 'exited' : 'running',
    ...(record.paneDead && record.paneDeadStatus !== undefined ? { exitStatus: record.paneDeadStatus } : {}),
    attachedClients: record.attachedClients,
  };
}
