import type { ConnectDeadline, SessionInfo } from '../../src-preload/api';

/** Who opened a session on an agent's behalf: the MCP client's name, the server process's id, the name it gave. */
export interface AgentOwner {
  client: string;
  agentId: string;
  name: string;
}

/** Everything a backend needs to start a session; decided once by SessionService, the same for both. */
export interface SessionSpec {
  id: string;
  hostId: string;
  label: string;
  /** ssh's argv (or a refusal Muxdeck prints instead, e.g. a jump-host loop): never a shell string. */
  argv: readonly string[];
  /** local: ssh in tmux here; remote: ssh runs a tmux on the host. A direct backend ignores it. */
  mode: 'local' | 'remote';
  /** The shared master's socket: its appearance is what "connected" means. */
  controlPath?: string;
  /** Extra variables for this ssh (askpass wiring); never secrets. */
  environment?: Readonly<Record<string, string>>;
  cols: number;
  rows: number;
  deadline: ConnectDeadline;
  /** An AI agent's session (`muxdeck mcp`): stored as tmux options so the app badges the tab. */
  agent?: AgentOwner;
  /** Log the session to a file (tmux backend only: pipe-pane). */
  logging?: { label: string };
}

/**
 * Where sessions run: Muxdeck's tmux server, or ssh under node-pty in the app (direct). As Tabby's
 * BaseSession, everything the user sees (status, endings, reconnect with backoff, keep closed panes)
 * is the same whichever backend runs a session; the services never branch on which one it is. Both
 * judge endings with the same pure code (sessionEnding.ts, endingPolicy.ts).
 */
export interface SessionBackend {
  list(): Promise<SessionInfo[]>;
  has(sessionId: string): Promise<boolean>;
  open(spec: SessionSpec): Promise<void>;
  /** Starts ssh again in the same pane now (the user asked); false when this backend has no such session. */
  reconnect(sessionId: string): Promise<boolean>;
  /** Ends the session and its pane; false when this backend has no such session. */
  close(sessionId: string): Promise<boolean>;
  /**
   * Lets agents see and type into a human's session, or stops it; false when this backend has no such
   * session. Absent where an agent could not reach the session (direct ones live in the app's memory).
   */
  shareWithAgents?(sessionId: string, shared: boolean): Promise<boolean>;
}
