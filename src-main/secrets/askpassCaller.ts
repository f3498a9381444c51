import type { Socket } from 'node:net';

/** What a caller of the askpass socket says about itself; believed only once the OS confirms it. */
export interface AskpassCallerClaim {
  /** The ssh process the helper says ran it. */
  sshPid: number;
  /** The session's own ssh (the tmux pane's process), which that ssh must be or descend from. */
  sessionSshPid: number;
}

/**
 * The platform's check of who is really at the other end of an askpass connection. The token alone
 * only says the caller could read tmux's environment; this says it is a helper that the session's
 * ssh (or a jump ssh it started) ran, so a made-up sshPid gets nothing.
 */
export interface AskpassCallerCheck {
  /** False where the platform has no check: any caller holding the token is believed (docs/security.md). */
  readonly enforced: boolean;
  isSessionHelper(connection: Socket, claim: AskpassCallerClaim): Promise<boolean>;
}

/** For platforms without a way to name a Unix socket's peer process. */
export const unverifiedAskpassCallers: AskpassCallerCheck = {
  enforced: false,
  isSessionHelper: () => Promise.resolve(true),
};

/** The broker's view of one connection: its claimed sshPid, checked against the session's ssh. */
export interface AskpassCaller {
  isHelperOf(sessionSshPid: number): Promise<boolean>;
}
