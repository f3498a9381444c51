import { WebglAddon } from '@xterm/addon-webgl';
import type { Terminal } from '@xterm/xterm';
import { chooseRenderer, type GpuInfo, type RendererChoice } from './rendererChoice.logic';
import type { WebglContextPool } from './webglContextPool.logic';

export interface WebglRendererDeps {
  term: Terminal;
  /** The pool's key for this terminal. */
  id: string;
  pool: WebglContextPool;
  gpu: () => GpuInfo;
  /** Told every time the terminal's renderer is (re)decided, so the page can show which one draws it. */
  onChoice(choice: RendererChoice): void;
}

/**
 * Puts @xterm/addon-webgl on a terminal when that helps and takes it off when it stops working. xterm.js
 * draws with its DOM renderer whenever no WebGL addon is loaded, so every fallback is just a dispose.
 */
export class WebglRenderer {
  private addon: WebglAddon | null = null;
  private failed = false;
  private disposed = false;

  constructor(private readonly deps: WebglRendererDeps) {}

  /** The terminal is open and on screen: keep or get a WebGL context if the GPU is worth it. */
  shown(): void {
    if (this.disposed) return;
    const { pool, id } = this.deps;
    if (this.addon) {
      pool.show(id);
      return;
    }
    const choice = chooseRenderer({
      gpu: this.deps.gpu(),
      webglFailed: this.failed,
      slotAvailable: pool.canAcquire(id),
    });
    if (choice.kind === 'webgl' && !this.load()) {
      this.deps.onChoice({ kind: 'dom', reason: 'WebGL failed to load' });
      return;
    }
    this.deps.onChoice(choice);
  }

  hidden(): void {
    this.deps.pool.hide(this.deps.id);
  }

  dispose(): void {
    this.disposed = true;
    this.drop();
  }

  private load(): boolean {
    const { pool, id, term } = this.deps;
    if (!pool.acquire(id, () => this.evicted())) return false;
    const addon = new WebglAddon();
    try {
      addon.onContextLoss(() => this.contextLost());
      term.loadAddon(addon);
    } catch (error) {
      console.warn('Muxdeck: WebGL renderer unavailable, drawing with the DOM renderer', error);
      addon.dispose();
      pool.forget(id);
      this.failed = true;
      return false;
    }
    this.addon = addon;
    return true;
  }

  /** The GPU process reset or Chromium reclaimed the context: the DOM renderer takes over for good. */
  private contextLost(): void {
    this.failed = true;
    this.drop();
    if (!this.disposed) this.deps.onChoice({ kind: 'dom', reason: 'WebGL context lost' });
  }

  /** A visible terminal needed the slot; this one is hidden and asks again when shown. */
  private evicted(): void {
    const addon = this.addon;
    this.addon = null;
    addon?.dispose();
    if (!this.disposed)
      this.deps.onChoice({ kind: 'dom', reason: 'WebGL context given to a visible terminal' });
  }

  private drop(): void {
    const addon = this.addon;
    this.addon = null;
    this.deps.pool.forget(this.deps.id);
    addon?.dispose();
  }
}
