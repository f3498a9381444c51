import type { Logger } from '../ports';
import type { AskpassCaller } from './askpassCaller';
import { secretAccounts, type SecretStore } from './secretStore';
import type { SessionSshAuth } from './sessionSshAuth';
import { classifySshPrompt, promptEchoes, type SshPrompt } from './sshPrompt';

/** What the askpass helper asks: the prompt ssh gave it, for which session, from which ssh process. */
export interface AskpassRequest {
  session: string;
  prompt: string;
  /** The ssh process that ran the helper: a second question from the same one means a rejected answer. */
  sshPid: number;
}

export type AskpassAnswer =
  /** A saved secret: the helper prints it for ssh. */
  | { kind: 'secret'; secret: string }
  /** Nothing saved: the helper asks the user in the terminal, and may offer to save what they type. */
  | { kind: 'ask'; echo: boolean; offerSave: boolean; saveLabel?: string }
  /** Muxdeck refuses to answer (a saved secret was rejected): ssh gets no password and stops. */
  | { kind: 'refuse'; reason: string };

/** A session Muxdeck started, as the broker needs to know it. */
export interface AskpassSession {
  hostId: string;
  label: string;
  /** The session's own ssh (the tmux pane's process); absent when the pane is dead. */
  sshPid?: number;
  /** What that ssh may ask for, from `ssh -G`; undefined when it cannot be resolved. */
  auth(): Promise<SessionSshAuth | undefined>;
}

interface SecretMeaning {
  kind: 'password' | 'passphrase';
  account: string;
  label: string;
}

const NOT_AUTHORISED = 'Not authorised.';

/**
 * Answers ssh's password and passphrase questions from the keychain. Only ssh's own local prompts
 * are answered, and only for what the session's ssh is really using: a passphrase for a key file
 * `ssh -G` lists for the host (or a jump host), a password for the `user@host` being connected.
 * A server's keyboard-interactive question is the user's to answer, whatever it says. A saved
 * secret is given once per ssh process: if the same ssh asks again, the secret was wrong, and
 * Muxdeck says so instead of feeding it again and again.
 */
export class AskpassBroker {
  private readonly served = new Set<string>();

  constructor(
    private readonly deps: {
      secrets: SecretStore;
      /** A session Muxdeck started, or undefined for one it does not know. */
      sessionOf: (session: string) => Promise<AskpassSession | undefined>;
      onSecretRejected: (session: string, reason: string) => void;
      /**
       * A saved password went to ssh. With one password prompt ssh never asks twice, so if the
       * login then fails, this is why: the caller keeps the reason until the session connects.
       */
      onPasswordServed?: (session: string, reasonIfRejected: string) => void;
      /** The user is asked in the terminal: the attempt now waits for them, not for the network. */
      onAskingUser?: (session: string) => void;
      logger: Logger;
    },
  ) {}

  async answer(request: AskpassRequest, caller: AskpassCaller): Promise<AskpassAnswer> {
    const session = await this.deps.sessionOf(request.session);
    if (!session) return { kind: 'refuse', reason: 'This session is not one of Muxdeck’s.' };
    if (!(await this.isSessionsHelper(request, session, caller)))
      return { kind: 'refuse', reason: NOT_AUTHORISED };
    const prompt = classifySshPrompt(request.prompt);
    const meaning = await secretMeaning(prompt, session);
    if (!meaning) {
      this.deps.onAskingUser?.(request.session);
      return { kind: 'ask', echo: promptEchoes(prompt), offerSave: false };
    }

    const servedKey = `${request.session}|${request.sshPid}|${meaning.account}`;
    if (this.served.has(servedKey)) {
      const reason = rejectedReason(meaning.label);
      this.deps.logger.warn('saved secret rejected', { session: request.session, secret: meaning.label });
      this.deps.onSecretRejected(request.session, reason);
      return { kind: 'refuse', reason };
    }
    const secret = await this.deps.secrets.get(meaning.account).catch((error: unknown) => {
      this.deps.logger.warn('keychain unavailable', {
        error: error instanceof Error ? error.message : String(error),
      });
      return undefined;
    });
    if (secret === undefined) {
      this.deps.onAskingUser?.(request.session);
      return { kind: 'ask', echo: false, offerSave: true, saveLabel: meaning.label };
    }
    this.served.add(servedKey);
    if (meaning.kind === 'password')
      this.deps.onPasswordServed?.(request.session, rejectedReason(meaning.label));
    this.deps.logger.info('answered from keychain', { session: request.session, secret: meaning.label });
    return { kind: 'secret', secret };
  }

  /** The user typed a secret in the terminal and chose to keep it: only where answer() would serve it. */
  async save(request: AskpassRequest, secret: string, caller: AskpassCaller): Promise<boolean> {
    const session = await this.deps.sessionOf(request.session);
    if (!session || !(await this.isSessionsHelper(request, session, caller))) return false;
    const meaning = await secretMeaning(classifySshPrompt(request.prompt), session);
    if (!meaning || secret.length === 0) return false;
    await this.deps.secrets.set(meaning.account, secret);
    this.deps.logger.info('saved to keychain', { session: request.session, secret: meaning.label });
    return true;
  }

  private async isSessionsHelper(
    request: AskpassRequest,
    session: AskpassSession,
    caller: AskpassCaller,
  ): Promise<boolean> {
    const genuine =
      session.sshPid !== undefined && (await caller.isHelperOf(session.sshPid).catch(() => false));
    if (!genuine) this.deps.logger.warn('askpass caller refused', { session: request.session });
    return genuine;
  }
}

/** The keychain entry a prompt may be answered from, or undefined when it is not Muxdeck's to answer. */
async function secretMeaning(prompt: SshPrompt, session: AskpassSession): Promise<SecretMeaning | undefined> {
  if (prompt.kind !== 'passphrase' && prompt.kind !== 'password') return undefined;
  const auth = await session.auth().catch(() => undefined);
  if (!auth) return undefined;
  if (prompt.kind === 'passphrase') {
    if (!auth.keyFiles.has(prompt.keyFile)) return undefined;
    return {
      kind: 'passphrase',
      account: secretAccounts.passphrase(prompt.keyFile),
      label: `passphrase for ${prompt.keyFile}`,
    };
  }
  // A jump host's password prompt names another user@host: never the destination's password.
  if (!auth.login || !isLogin(prompt, auth.login)) return undefined;
  return {
    kind: 'password',
    account: secretAccounts.password(session.hostId),
    label: `password for ${session.label}`,
  };
}

/** ssh cut user and host to 30 and 128 characters in this prompt before OpenSSH 8.x: accept both. */
function isLogin(prompt: { user: string; host: string }, login: { user: string; host: string }): boolean {
  const same = (shown: string, real: string, cut: number) =>
    shown === real || (real.length > cut && shown === real.slice(0, cut));
  return same(prompt.user, login.user, 30) && same(prompt.host, login.host, 128);
}

function rejectedReason(label: string): string {
  return `The saved ${label} was rejected; update it in the keychain or type it in the terminal.`;
}
