import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Terminal } from '@xterm/xterm';
import {
  chooseRenderer,
  isSoftwareRenderer,
  type GpuInfo,
  type RendererChoice,
} from '../../../src-renderer/src/terminal/rendererChoice.logic';
import {
  MAX_WEBGL_CONTEXTS,
  WebglContextPool,
} from '../../../src-renderer/src/terminal/webglContextPool.logic';

/** A stand-in for @xterm/addon-webgl: the test decides when the context is lost. */
const webgl = vi.hoisted(() => {
  const instances: Array<{ loseContext(): void; disposed: boolean }> = [];
  class FakeWebglAddon {
    disposed = false;
    private lossListener: (() => void) | undefined;
    constructor() {
      instances.push(this);
    }
    onContextLoss(listener: () => void) {
      this.lossListener = listener;
      return { dispose: () => undefined };
    }
    loseContext(): void {
      this.lossListener?.();
    }
    dispose(): void {
      this.disposed = true;
    }
    activate(): void {}
  }
  return { instances, FakeWebglAddon };
});
vi.mock('@xterm/addon-webgl', () => ({ WebglAddon: webgl.FakeWebglAddon }));

const { WebglRenderer } = await import('../../../src-renderer/src/terminal/webglRenderer');

const SWIFTSHADER =
  'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const LLVMPIPE = 'llvmpipe (LLVM 15.0.6, 256 bits)';
const INTEL = 'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)';
const hardware: GpuInfo = { webgl2: true, renderer: INTEL };

describe('software GL detection', () => {
  it.each([SWIFTSHADER, LLVMPIPE, 'softpipe', 'Microsoft Basic Render Driver', 'Google SwiftShader'])(
    'treats %s as software',
    (renderer) => expect(isSoftwareRenderer(renderer)).toBe(true),
  );

  it.each([INTEL, 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)', 'Apple M2'])(
    'treats %s as a hardware GPU',
    (renderer) => expect(isSoftwareRenderer(renderer)).toBe(false),
  );
});

describe('chooseRenderer', () => {
  const choose = (gpu: GpuInfo, overrides: { webglFailed?: boolean; slotAvailable?: boolean } = {}) =>
    chooseRenderer({ gpu, webglFailed: false, slotAvailable: true, ...overrides });

  it('uses WebGL on a hardware GPU', () => {
    expect(choose(hardware).kind).toBe('webgl');
  });

  it('stays on DOM on SwiftShader or llvmpipe, which are slower than DOM', () => {
    expect(choose({ webgl2: true, renderer: SWIFTSHADER })).toEqual({
      kind: 'dom',
      reason: `software GL: ${SWIFTSHADER}`,
    });
    expect(choose({ webgl2: true, renderer: LLVMPIPE }).kind).toBe('dom');
  });

  it('stays on DOM without WebGL2', () => {
    expect(choose({ webgl2: false, renderer: null })).toEqual({ kind: 'dom', reason: 'no WebGL2' });
  });

  it('tries WebGL when the browser hides the renderer name (a failure falls back)', () => {
    expect(choose({ webgl2: true, renderer: null }).kind).toBe('webgl');
  });

  it('stays on DOM after a failure or context loss, and when no context is free', () => {
    expect(choose(hardware, { webglFailed: true }).kind).toBe('dom');
    expect(choose(hardware, { slotAvailable: false })).toEqual({
      kind: 'dom',
      reason: 'WebGL context limit reached',
    });
  });
});

describe('WebglContextPool', () => {
  it('allows at most 8 contexts by default, well under Chromium’s 16', () => {
    expect(MAX_WEBGL_CONTEXTS).toBeLessThanOrEqual(8);
    const pool = new WebglContextPool();
    for (let i = 0; i < MAX_WEBGL_CONTEXTS; i++) expect(pool.acquire(`t${i}`, () => {})).toBe(true);
    expect(pool.canAcquire('extra')).toBe(false);
    expect(pool.acquire('extra', () => {})).toBe(false);
    expect(pool.size).toBe(MAX_WEBGL_CONTEXTS);
  });

  it('takes the context of the least recently shown hidden terminal for a visible one', () => {
    const pool = new WebglContextPool(2);
    const released: string[] = [];
    pool.acquire('a', () => released.push('a'));
    pool.acquire('b', () => released.push('b'));
    pool.hide('b');
    pool.hide('a');
    pool.show('a');
    pool.hide('a'); // a was shown after b: b goes first
    expect(pool.acquire('c', () => released.push('c'))).toBe(true);
    expect(released).toEqual(['b']);
    expect(pool.visibleCount).toBe(1);
  });

  it('never takes a context from a visible terminal', () => {
    const pool = new WebglContextPool(1);
    const release = vi.fn();
    pool.acquire('a', release);
    expect(pool.acquire('b', () => {})).toBe(false);
    expect(release).not.toHaveBeenCalled();
  });

  it('frees a slot when a terminal forgets its context', () => {
    const pool = new WebglContextPool(1);
    pool.acquire('a', () => {});
    pool.forget('a');
    expect(pool.acquire('b', () => {})).toBe(true);
  });
});

describe('WebglRenderer', () => {
  beforeEach(() => {
    webgl.instances.length = 0;
  });

  function setup(gpu: GpuInfo = hardware, pool = new WebglContextPool(), id = 'mx-1') {
    const loadAddon = vi.fn();
    const term = { loadAddon } as unknown as Terminal;
    const choices: RendererChoice[] = [];
    const renderer = new WebglRenderer({
      term,
      id,
      pool,
      gpu: () => gpu,
      onChoice: (choice) => choices.push(choice),
    });
    return { renderer, loadAddon, choices, pool };
  }

  it('loads WebGL on a hardware GPU and holds a pool slot', () => {
    const { renderer, loadAddon, choices, pool } = setup();
    renderer.shown();
    expect(loadAddon).toHaveBeenCalledTimes(1);
    expect(choices.at(-1)?.kind).toBe('webgl');
    expect(pool.size).toBe(1);
  });

  it('never loads WebGL on software GL', () => {
    const { renderer, loadAddon, choices } = setup({ webgl2: true, renderer: SWIFTSHADER });
    renderer.shown();
    expect(loadAddon).not.toHaveBeenCalled();
    expect(choices.at(-1)?.kind).toBe('dom');
  });

  it('falls back to DOM for good when the context is lost', () => {
    const { renderer, choices, pool } = setup();
    renderer.shown();
    webgl.instances[0]?.loseContext();
    expect(webgl.instances[0]?.disposed).toBe(true);
    expect(choices.at(-1)).toEqual({ kind: 'dom', reason: 'WebGL context lost' });
    expect(pool.size).toBe(0);
    renderer.hidden();
    renderer.shown();
    expect(webgl.instances).toHaveLength(1);
    expect(choices.at(-1)?.kind).toBe('dom');
  });

  it('falls back to DOM when the addon fails to load', () => {
    const { renderer, loadAddon, choices, pool } = setup();
    loadAddon.mockImplementation(() => {
      throw new Error('WebGL2 not supported');
    });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    renderer.shown();
    expect(choices.at(-1)).toEqual({ kind: 'dom', reason: 'WebGL failed to load' });
    expect(webgl.instances[0]?.disposed).toBe(true);
    expect(pool.size).toBe(0);
  });

  it('gives its context up while hidden when a visible terminal needs it, and takes one back when shown', () => {
    const pool = new WebglContextPool(1);
    const first = setup(hardware, pool, 'mx-1');
    const second = setup(hardware, pool, 'mx-2');
    first.renderer.shown();
    first.renderer.hidden();
    second.renderer.shown();
    expect(webgl.instances[0]?.disposed).toBe(true);
    expect(first.choices.at(-1)?.kind).toBe('dom');
    expect(second.choices.at(-1)?.kind).toBe('webgl');
    second.renderer.hidden();
    first.renderer.shown();
    expect(first.choices.at(-1)?.kind).toBe('webgl');
  });

  it('releases its slot on dispose', () => {
    const { renderer, pool } = setup();
    renderer.shown();
    renderer.dispose();
    expect(pool.size).toBe(0);
    expect(webgl.instances[0]?.disposed).toBe(true);
  });
});
