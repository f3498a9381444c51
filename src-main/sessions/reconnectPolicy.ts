/** How Muxdeck retries a dropped connection: exponential backoff, a bounded number of times. */
export interface ReconnectPolicy {
  /** 0 turns automatic reconnection off. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = {
  maxAttempts: 3,
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
};

/** Delay before attempt n (1-based): initial, 2x, 4x... capped. */
export function reconnectDelay(policy: ReconnectPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, attempt - 1));
}
