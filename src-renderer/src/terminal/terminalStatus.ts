/** Where a tab's terminal stands with respect to its tmux client. */
export type TerminalStatus =
  | { phase: 'attaching' }
  | { phase: 'attached' }
  /** The tmux client ended (session killed, or detached from elsewhere); the tab can re-attach. */
  | { phase: 'ended'; exitCode: number }
  | { phase: 'failed'; message: string };
