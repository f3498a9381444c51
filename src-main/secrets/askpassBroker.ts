import type { Logger } from '../ports';
import { secretAccounts, type SecretStore } from './secretStore';

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

interface PromptMeaning {
  kind?: 'password' | 'passphrase';
  account?: string;
  label: string;
  echo: boolean;
}

/**
 * Answers ssh's password and passphrase questions from the keychain. A saved secret is
 * given once per ssh process: if the same ssh asks again, the secret was wrong, and
 * Muxdeck says so instead of feeding it again and again.
 */
export class AskpassBroker {
  private readonly served = new Set<string>();

  constructor(
    private readonly deps: {
      secrets: SecretStore;
      /** The host behind a session, or undefined for a session Muxdeck does not know. */
      hostOf: (session: string) => Promise<{ id: string; label: string } | undefined>;
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

  async answer(request: AskpassRequest): Promise<AskpassAnswer> {
    const host = await this.deps.hostOf(request.session);
    if (!host) return { kind: 'refuse', reason: 'This session is not one of Muxdeck’s.' };
    const meaning = interpretPrompt(request.prompt, host);
    if (!meaning.account) {
      this.deps.onAskingUser?.(request.session);
      return { kind: 'ask', echo: meaning.echo, offerSave: false };
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

  /** The user typed a secret in the terminal and chose to keep it. */
  async save(request: AskpassRequest, secret: string): Promise<boolean> {
    const host = await this.deps.hostOf(request.session);
    if (!host) return false;
    const meaning = interpretPrompt(request.prompt, host);
    if (!meaning.account || secret.length === 0) return false;
    await this.deps.secrets.set(meaning.account, secret);
    this.deps.logger.info('saved to keychain', { session: request.session, secret: meaning.label });
    return true;
  }
}

function interpretPrompt(prompt: string, host: { id: string; label: string }): PromptMeaning {
  const passphrase = /passphrase for (?:key )?'([^']+)'/i.exec(prompt);
  if (passphrase?.[1]) {
    return {
      account: secretAccounts.passphrase(passphrase[1]),
      label: `passphrase for ${passphrase[1]}`,
      echo: false,
    };
  }
  if (/password/i.test(prompt)) {
    return {
      kind: 'password',
      account: secretAccounts.password(host.id),
      label: `password for ${host.label}`,
      echo: false,
    };
  }
  // Anything else (host key confirmation "yes/no", a one-time code...) is the user's to answer.
  return { label: 'answer', echo: !/code|otp|token|pin/i.test(prompt) };
}

function rejectedReason(label: string): string {
  return `The saved ${label} was rejected; update it in the keychain or type it in the terminal.`;
}
