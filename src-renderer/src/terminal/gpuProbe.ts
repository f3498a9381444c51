import type { GpuInfo } from './rendererChoice.logic';

let cached: GpuInfo | undefined;

/**
 * Reads which rasterizer backs WebGL2 on this page, once: every probe costs a WebGL context, and the answer
 * does not change while the page lives. The probe's context is released at once so it never counts against
 * Chromium's per-process limit.
 */
export function probeGpu(): GpuInfo {
  cached ??= readGpuInfo();
  return cached;
}

function readGpuInfo(): GpuInfo {
  let gl: WebGL2RenderingContext | null = null;
  try {
    gl = document.createElement('canvas').getContext('webgl2');
  } catch {
    gl = null;
  }
  if (!gl) return { webgl2: false, renderer: null };
  try {
    // Chromium still reports the unmasked name through this extension; Firefox (and later Chromium) put it
    // in RENDERER itself. Either way it is the same string: "ANGLE (…, SwiftShader driver)", "llvmpipe…".
    const debugInfo = gl.getExtension('WEBGL_debug_renderer_info');
    const unmasked: unknown = debugInfo ? gl.getParameter(debugInfo.UNMASKED_RENDERER_WEBGL) : null;
    const plain: unknown = gl.getParameter(gl.RENDERER);
    const renderer = typeof unmasked === 'string' && unmasked !== '' ? unmasked : plain;
    return { webgl2: true, renderer: typeof renderer === 'string' && renderer !== '' ? renderer : null };
  } finally {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
