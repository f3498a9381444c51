import { randomBytes } from 'node:crypto';
import {
  AGENT_APPROVAL_TIMEOUT_MS,
  type AgentApprovalAnswer,
  type AgentApprovalRequest,
  type PendingAgentApproval,
} from '../../src-preload/api';
import { Emitter } from '../common/emitter';
import type { Clock } from '../ports';

interface Waiting {
  pending: PendingAgentApproval;
  settle: (answer: AgentApprovalAnswer) => void;
}

/**
 * The running app's side of "ask": the prompts waiting for the user, in the order they came. Each one is
 * settled exactly once — by the user, by its deadline (a deny), or by the agent going away (a deny that
 * nobody hears) — and every change goes out so each window shows the same prompts.
 */
export class ApprovalDesk {
  private readonly waiting = new Map<string, Waiting>();
  private readonly changed = new Emitter<PendingAgentApproval[]>();
  readonly onDidChange = this.changed.on.bind(this.changed);

  constructor(private readonly deps: { clock: Clock; timeoutMs?: number; newId?: () => string }) {}

  pending(): PendingAgentApproval[] {
    return [...this.waiting.values()].map((w) => w.pending);
  }

  /** Resolves with the user's answer, or deny when the deadline passes or `abandoned` fires first. */
  ask(request: AgentApprovalRequest, abandoned?: AbortSignal): Promise<AgentApprovalAnswer> {
    const id = this.deps.newId?.() ?? randomBytes(12).toString('base64url');
    const timeoutMs = this.deps.timeoutMs ?? AGENT_APPROVAL_TIMEOUT_MS;
    const pending: PendingAgentApproval = { ...request, id, expiresAt: this.deps.clock.now() + timeoutMs };
    return new Promise((resolve) => {
      const timer = this.deps.clock.setTimeout(() => this.answer(id, 'deny'), timeoutMs);
      const onAbandoned = () => this.answer(id, 'deny');
      this.waiting.set(id, {
        pending,
        settle: (answer) => {
          timer.cancel();
          abandoned?.removeEventListener('abort', onAbandoned);
          resolve(answer);
        },
      });
      if (abandoned?.aborted) return onAbandoned();
      abandoned?.addEventListener('abort', onAbandoned, { once: true });
      this.changed.fire(this.pending());
    });
  }

  /** False when the prompt is gone already (answered in another window, timed out, agent gone). */
  answer(id: string, answer: AgentApprovalAnswer): boolean {
    const waiting = this.waiting.get(id);
    if (!waiting) return false;
    this.waiting.delete(id);
    waiting.settle(answer);
    this.changed.fire(this.pending());
    return true;
  }

  /** The app is quitting: nobody is left to say yes. */
  dispose(): void {
    for (const id of [...this.waiting.keys()]) this.answer(id, 'deny');
  }
}
