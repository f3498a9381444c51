import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../ports';

/** How a call was judged: read-only tools need no decision; the others are allowed, denied or refused. */
export type AuditDecision =
  | 'read-only'
  | 'own session'
  | 'allowed by policy'
  | 'allowed by --allow'
  | 'approved by the user'
  | 'denied by policy'
  | 'denied by the user'
  | 'refused: needs approval'
  | 'refused: invalid input';

export interface AuditEntry {
  client: string;
  tool: string;
  session?: string;
  host?: string;
  /** The command or keys, with secret-looking values already redacted; never a password. */
  command?: string;
  decision: AuditDecision;
  exit_code?: number;
  still_running?: boolean;
  error?: string;
  duration_ms: number;
}

/**
 * Every agent tool call, one JSON line each, in MUXDECK_HOME/logs/agents/YYYY-MM-DD.jsonl (UTC day).
 * Appends are queued so lines never interleave; a failing disk is reported to the logger, never to the agent.
 */
export class AuditLog {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: { dir: string; clock: Clock; onError?: (error: unknown) => void }) {}

  record(entry: AuditEntry): Promise<void> {
    const now = new Date(this.deps.clock.now());
    const line = `${JSON.stringify({ time: now.toISOString(), ...entry })}\n`;
    const file = join(this.deps.dir, `${now.toISOString().slice(0, 10)}.jsonl`);
    this.queue = this.queue
      .then(async () => {
        await mkdir(this.deps.dir, { recursive: true, mode: 0o700 });
        await appendFile(file, line, { mode: 0o600 });
      })
      .catch((error: unknown) => this.deps.onError?.(error));
    return this.queue;
  }
}
