/**
 * Chromium allows 16 live WebGL contexts per renderer process and silently kills the oldest beyond that
 * (docs/performance.md). Muxdeck keeps well under it: at most `capacity` terminals hold a context.
 *
 * Visible terminals keep theirs. A hidden terminal keeps its context while nobody needs it (switching back
 * to its tab is then instant), and gives it up first, least recently shown first, when a visible one asks.
 */
export const MAX_WEBGL_CONTEXTS = 8;

interface Holder {
  visible: boolean;
  /** Monotonic counter of when it was last shown: lower = evicted first. */
  shownAt: number;
  release(): void;
}

export class WebglContextPool {
  private readonly holders = new Map<string, Holder>();
  private clock = 0;

  constructor(private readonly capacity = MAX_WEBGL_CONTEXTS) {}

  /**
   * Asks for a context for a visible terminal. Returns false when every slot is held by a visible terminal;
   * otherwise may call `release` of the least recently shown hidden holder, which must drop its context.
   */
  acquire(id: string, release: () => void): boolean {
    const existing = this.holders.get(id);
    if (existing) {
      existing.release = release;
      this.show(id);
      return true;
    }
    if (this.holders.size >= this.capacity && !this.evictOne()) return false;
    this.holders.set(id, { visible: true, shownAt: ++this.clock, release });
    return true;
  }

  /** Whether acquire(id) would succeed now, without changing anything. */
  canAcquire(id: string): boolean {
    if (this.holders.has(id) || this.holders.size < this.capacity) return true;
    return [...this.holders.values()].some((holder) => !holder.visible);
  }

  show(id: string): void {
    const holder = this.holders.get(id);
    if (!holder) return;
    holder.visible = true;
    holder.shownAt = ++this.clock;
  }

  hide(id: string): void {
    const holder = this.holders.get(id);
    if (holder) holder.visible = false;
  }

  /** The terminal dropped its context itself (disposed, context lost): its slot is free. */
  forget(id: string): void {
    this.holders.delete(id);
  }

  get size(): number {
    return this.holders.size;
  }

  get visibleCount(): number {
    return [...this.holders.values()].filter((holder) => holder.visible).length;
  }

  private evictOne(): boolean {
    let oldest: [string, Holder] | undefined;
    for (const entry of this.holders) {
      if (entry[1].visible) continue;
      if (!oldest || entry[1].shownAt < oldest[1].shownAt) oldest = entry;
    }
    if (!oldest) return false;
    this.holders.delete(oldest[0]);
    oldest[1].release();
    return true;
  }
}
