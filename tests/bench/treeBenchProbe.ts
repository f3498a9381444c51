/**
 * Runs in the page (added before any of Muxdeck's scripts) and measures there, so the numbers are
 * the page's own: no CDP round trip is counted.
 *
 * - first paint: the first frame after the synthetic source's branch row exists in the DOM;
 * - per keystroke: from the input event's timestamp to the end of its handling (React filters the tree and
 *   commits synchronously for a discrete event: a window listener in the bubble phase runs after it), to
 *   the next requestAnimationFrame callback (the frame that shows the result starts), and to a task
 *   posted from it (that frame has been painted).
 */
export const TREE_PROBE_SCRIPT = `(() => {
  const bench = { firstPaint: null, rowsAtFirstPaint: 0, samples: [], pending: 0, marks: {} };
  window.__treeBench = bench;
  // The time the rAF callback runs, not its argument: that is the frame's vsync time, which can precede
  // the input event handled in the same frame.
  const afterPaint = (done) => requestAnimationFrame(() => {
    const frameStart = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(frameStart, performance.now());
    channel.port2.postMessage(0);
  });
  const watch = new MutationObserver(() => {
    if (bench.firstPaint !== null || !document.querySelector('[data-node-id="source:synthetic"]')) return;
    bench.firstPaint = -1;
    afterPaint((_, painted) => {
      bench.firstPaint = painted;
      bench.rowsAtFirstPaint = document.querySelectorAll('[role="treeitem"]').length;
    });
    watch.disconnect();
  });
  document.addEventListener('DOMContentLoaded', () => watch.observe(document.body, { childList: true, subtree: true }));
  let handled = 0;
  window.addEventListener('input', () => { handled = performance.now(); });
  document.addEventListener('input', (event) => {
    if (!(event.target instanceof HTMLInputElement) || event.target.type !== 'search') return;
    const start = event.timeStamp;
    bench.pending++;
    afterPaint((frameStart, painted) => {
      bench.samples.push({
        work: handled - start,
        toFrame: frameStart - start,
        toPainted: painted - start,
        rows: document.querySelectorAll('[role="treeitem"]').length,
      });
      bench.pending--;
    });
  }, true);
  // Marks for one-off measurements: window.__treeBench.markUntil(name, selector) resolves when it shows.
  bench.markUntil = (name, selector) => new Promise((resolve) => {
    const start = performance.now();
    const check = () => {
      if (document.querySelector(selector)) afterPaint((_, painted) => { bench.marks[name] = painted - start; resolve(bench.marks[name]); });
      else requestAnimationFrame(check);
    };
    check();
  });
})();`;
