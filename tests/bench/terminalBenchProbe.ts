/**
 * In-page instrumentation for the terminal benchmark, as source text: it runs in Chromium (added with
 * page.addInitScript before the app loads) while this repository's tests compile against Node's library.
 *
 * It watches the app from outside, so the app carries no benchmark code:
 * - keydown (capture, first listener) stamps the start of a keystroke;
 * - a WebSocket subclass sees each terminal:data frame arrive, before the app's own listener;
 * - a MutationObserver on the terminal's rows sees the echo drawn (DOM renderer);
 * - the last terminal:data frame and the last change to the rows are stamped, and so is the last Ctrl+C
 *   keydown, so "output stopped after Ctrl+C" can be measured as the time to the last output before a quiet
 *   period.
 */
export const PROBE_SCRIPT = String.raw`
(() => {
  const bench = {
    samples: [],
    pending: null,
    wireChars: 0,
    frames: 0,
    marker: null,
    markerSeenAt: null,
    lastFrameAt: 0,
    lastMutationAt: 0,
    ctrlCAt: null,
    observe(rows) {
      const count = () => (rows.textContent.match(/x/g) || []).length;
      new MutationObserver(() => {
        const now = performance.now();
        bench.lastMutationAt = now;
        if (bench.pending && bench.pending.dataAt !== null && count() > bench.pending.xs) {
          bench.samples.push({ toData: bench.pending.dataAt - bench.pending.at, toScreen: now - bench.pending.at });
          bench.pending = null;
        }
        if (bench.marker && bench.markerSeenAt === null && rows.textContent.includes(bench.marker)) {
          bench.markerSeenAt = now;
        }
      }).observe(rows, { childList: true, subtree: true, characterData: true });
      bench.rows = rows;
      bench.count = count;
    },
  };
  window.__muxBench = bench;

  window.addEventListener(
    'keydown',
    (event) => {
      if (event.ctrlKey && !event.shiftKey && (event.key === 'c' || event.key === 'C')) bench.ctrlCAt = event.timeStamp;
      if (event.key !== 'x' || !bench.rows) return;
      bench.pending = { at: event.timeStamp, dataAt: null, xs: bench.count() };
    },
    { capture: true },
  );

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (typeof event.data !== 'string' || !event.data.includes('"terminal:data"')) return;
        bench.frames += 1;
        bench.lastFrameAt = performance.now();
        bench.wireChars += event.data.length;
        if (bench.pending && bench.pending.dataAt === null) bench.pending.dataAt = performance.now();
      });
    }
  };
})();
`;

/** Starts observing the visible terminal's rows; call once the terminal is on screen. */
export const OBSERVE_ROWS = `window.__muxBench.observe(document.querySelector('[role="tabpanel"]:not([hidden]) .xterm-rows'))`;
