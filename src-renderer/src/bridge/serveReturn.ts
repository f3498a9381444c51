/**
 * How a serve page finds its server again after losing it. `muxdeck serve` keeps its port and token across
 * restarts, so the same address and the token in sessionStorage reach the new server; the page only has to
 * knock until it answers.
 */
export interface ServeReturnEdges {
  /** Opens a WebSocket with the page's token; true when the server accepted it (it is closed again). */
  socketOpens(): Promise<boolean>;
  /** Whether anything answers HTTP on the page's address: the server is up even if the socket was refused. */
  pageAnswers(): Promise<boolean>;
  sleep(ms: number): Promise<void>;
}

export type ServeReturn = 'back' | 'refused';

const FIRST_DELAY_MS = 250;
const LONGEST_DELAY_MS = 5_000;
/** The page answering while the socket is refused, this many times in a row: the token changed. */
const REFUSALS_TO_GIVE_UP = 2;

export function retryDelayMs(attempt: number): number {
  return Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt);
}

/**
 * Resolves 'back' when the server accepts the page's token again, 'refused' when a server answers on the
 * address but refuses the token (`--rotate-token`, or another server took the port). Waits for ever while
 * nothing answers: the user may restart serve hours later.
 */
export async function waitForServeToReturn(edges: ServeReturnEdges): Promise<ServeReturn> {
  let refusals = 0;
  for (let attempt = 0; ; attempt++) {
    await edges.sleep(retryDelayMs(attempt));
    if (await edges.socketOpens()) return 'back';
    // A server that just started may answer HTTP a moment after the socket attempt; one refusal is not enough.
    refusals = (await edges.pageAnswers()) ? refusals + 1 : 0;
    if (refusals >= REFUSALS_TO_GIVE_UP) return 'refused';
  }
}
