import { ApiError } from '../common/apiError';
import type { SessionInfo } from '../../src-preload/api';
import type { Clock } from '../ports';
import type { TmuxServer } from '../tmux/tmuxServer';
import { storeDeadline } from './connectDeadline';
import type { SessionBackend, SessionSpec } from './sessionBackend';
import type { SessionHealth } from './sessionHealth';
import type { SessionLogs } from './sessionLogs';
import { tmuxSessionInfo } from './tmuxSessionInfo';

/**
 * Sessions as tmux sessions on Muxdeck's private server, one per pane, each running ssh. The tmux
 * server is the source of truth (status, ending, deadline are its user options), so listing it is
 * enough to restore every tab after the app closed or crashed; SessionHealth judges endings and retries.
 */
export class TmuxBackend implements SessionBackend {
  constructor(
    private readonly deps: {
      tmux: TmuxServer;
      health: SessionHealth;
      clock: Clock;
      /** Working directory of new sessions (the user's home). */
      cwd: string;
      logs?: SessionLogs;
    },
  ) {}

  async list(): Promise<SessionInfo[]> {
    const records = await this.deps.tmux.listSessions();
    return records
      .filter((r) => r.options.hostId !== undefined)
      .map((r) => tmuxSessionInfo(r, this.deps.health.reconnectInfo(r.name)));
  }

  async has(sessionId: string): Promise<boolean> {
    return (await this.list()).some((s) => s.id === sessionId);
  }

  async open(spec: SessionSpec): Promise<void> {
    await this.deps.tmux.newSession({
      name: spec.id,
      cols: spec.cols,
      rows: spec.rows,
      cwd: this.deps.cwd,
      command: spec.argv,
      options: {
        hostId: spec.hostId,
        label: spec.label,
        mode: spec.mode,
        status: 'connecting',
        statusSince: String(this.deps.clock.now()),
        deadline: storeDeadline(spec.deadline),
        ...(spec.controlPath ? { controlPath: spec.controlPath } : {}),
        argv: JSON.stringify(spec.argv),
        ...(spec.agent
          ? {
              owner: 'agent',
              agentClient: spec.agent.client,
              agentId: spec.agent.agentId,
              agentName: spec.agent.name,
            }
          : {}),
      },
      ...(spec.environment ? { environment: spec.environment } : {}),
    });
    if (spec.logging && this.deps.logs) {
      const logFile = await this.deps.logs.start(spec.id, spec.logging.label);
      await this.deps.tmux.setOptions(spec.id, { logFile });
    }
    // A shared master may already be up: the session is connected from its first moment.
    await this.deps.health.reconcile();
  }

  async reconnect(sessionId: string): Promise<boolean> {
    const record = (await this.deps.tmux.listSessions()).find(
      (r) => r.name === sessionId && r.options.hostId !== undefined,
    );
    if (!record) return false;
    await this.deps.health.reconnectNow(record, { resetAttempts: true });
    return true;
  }

  async shareWithAgents(sessionId: string, shared: boolean): Promise<boolean> {
    const record = (await this.deps.tmux.listSessions()).find(
      (r) => r.name === sessionId && r.options.hostId !== undefined,
    );
    if (!record) return false;
    if (record.options.owner === 'agent')
      throw new ApiError('INVALID_PAYLOAD', 'This session is an agent’s own: there is nothing to share.');
    await this.deps.tmux.setOptions(sessionId, { sharedWithAgents: shared ? '1' : undefined });
    return true;
  }

  async close(sessionId: string): Promise<boolean> {
    this.deps.health.forget(sessionId);
    return this.deps.tmux.killSession(sessionId);
  }
}
