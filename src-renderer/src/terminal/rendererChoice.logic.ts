export type RendererKind = 'webgl' | 'dom';

/** What the page's WebGL reports, read once per page (gpuProbe.ts). */
export interface GpuInfo {
  webgl2: boolean;
  /** The unmasked renderer string ("ANGLE (…SwiftShader…)", "Mesa Intel(R) UHD…"), when the browser tells. */
  renderer: string | null;
}

export interface RendererChoice {
  kind: RendererKind;
  /** Why, in words a bug report can carry (shown as a data attribute on the terminal). */
  reason: string;
}

/**
 * CPU rasterizers behind WebGL. On them xterm's WebGL renderer is 4-5x slower than its DOM renderer
 * (docs/performance.md: SwiftShader 3.3-4.7 MB/s vs DOM 17.5-20 MB/s), so they count as "no GPU".
 */
const SOFTWARE_RENDERERS = [
  /swiftshader/i,
  /llvmpipe/i,
  /softpipe/i,
  /lavapipe/i,
  /microsoft basic render/i,
  /\bsoftware\b/i,
  /mesa offscreen/i,
];

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERERS.some((pattern) => pattern.test(renderer));
}

export interface RendererInputs {
  gpu: GpuInfo;
  /** This terminal's WebGL renderer lost its context or failed to load before: do not try again. */
  webglFailed: boolean;
  /** Whether the WebGL context pool has (or can free) a slot for this terminal. */
  slotAvailable: boolean;
}

/**
 * WebGL only on a hardware GPU, with a context to spare and no earlier failure; DOM otherwise. An unknown
 * renderer (the browser masks it) gets WebGL: real desktops mostly have a GPU, and a failure falls back.
 */
export function chooseRenderer({ gpu, webglFailed, slotAvailable }: RendererInputs): RendererChoice {
  if (!gpu.webgl2) return { kind: 'dom', reason: 'no WebGL2' };
  if (gpu.renderer !== null && isSoftwareRenderer(gpu.renderer))
    return { kind: 'dom', reason: `software GL: ${gpu.renderer}` };
  if (webglFailed) return { kind: 'dom', reason: 'WebGL failed or lost its context' };
  if (!slotAvailable) return { kind: 'dom', reason: 'WebGL context limit reached' };
  return { kind: 'webgl', reason: gpu.renderer ?? 'hardware GL (renderer not reported)' };
}
