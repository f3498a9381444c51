/** An error an agent's tool call ends with on purpose: its message is what the agent (and the audit log) reads. */
export type AgentErrorCode =
  | 'INVALID_INPUT'
  | 'UNKNOWN_SESSION'
  | 'UNKNOWN_HOST'
  | 'NOT_ALLOWED'
  | 'NEEDS_APPROVAL'
  /** The user answered Deny in the app's approval prompt, or did not answer in time. */
  | 'DENIED_BY_USER'
  | 'BUSY'
  | 'SESSION_ENDED'
  | 'NOT_YOURS'
  | 'CONNECT_FAILED'
  | 'REMOTE_FAILED';

export class AgentError extends Error {
  constructor(
    readonly code: AgentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AgentError';
  }
}
