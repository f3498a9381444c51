/**
 * Tree benchmark (issue 4): a 50,000-host tree in serve mode, driven in Chromium. Measures time to first
 * paint of the tree, time per search keystroke (p50/p95/p99 over every input event, in the page, from
 * the input event to the next frame), the renderer's JS heap, the number of rows in the DOM, and the
 * round trip of one tree change (favouriting a host) at that size. Prints the numbers and writes
 * tests/bench/results/tree.json; asserts nothing (numbers depend on the machine).
 *
 *   npx electron-vite build && node --import tsx tests/bench/treeBench.ts
 *
 * MUXDECK_BENCH_HOSTS (default 50000) sets the size; the hosts come from the synthetic inventory
 * (MUXDECK_SYNTHETIC_HOSTS, src-main/inventory/synthetic/syntheticSource.ts): region / site / role folders.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { resolve } from 'node:path';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serveProcess';
import { makeFakeHome, type FakeHome } from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { TREE_PROBE_SCRIPT } from './treeBenchProbe';

const HOSTS = Number(process.env.MUXDECK_BENCH_HOSTS ?? 50_000);
const RESULTS = resolve(__dirname, 'results/tree.json');
const CHROMIUM = process.env.MUXDECK_CHROMIUM ?? '/usr/bin/chromium';
/** The e2e tests' flags (playwright.config.ts), plus precise numbers from performance.memory. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--enable-precise-memory-info',
];
/** What users type: names, sites and roles, addresses, a user, typos and a miss. Typed, then erased. */
const QUERIES = [
  'fra1-web-00012',
  'ams3 db',
  'deploy',
  '10.0.12',
  'lon1 cache 01',
  'syd1-monitor',
  'eu api',
  'wroker',
  'postgres',
  'tor1-lb-0',
  'search 4',
  'sgp1 storage',
];

interface Sample {
  work: number;
  toFrame: number;
  toPainted: number;
  rows: number;
}

interface BenchWindow {
  __treeBench: {
    firstPaint: number | null;
    rowsAtFirstPaint: number;
    samples: Sample[];
    pending: number;
    markUntil(name: string, selector: string): Promise<number>;
  };
}

function percentiles(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    count: sorted.length,
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    max: round(sorted.at(-1) ?? NaN),
  };
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return Math.round((usedSize / 1024 / 1024) * 10) / 10;
}

/** Waits until the last keystroke's frame was painted, then a random part of a frame, so keystrokes land at any point of the frame cycle (as a typist's do). */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => (globalThis as unknown as BenchWindow).__treeBench.pending === 0);
  await page.waitForTimeout(Math.random() * 17);
}

async function typeQueries(page: Page): Promise<void> {
  const search = page.getByRole('searchbox', { name: 'Search hosts' });
  await search.focus();
  for (const query of QUERIES) {
    for (const character of query) {
      await page.keyboard.type(character);
      await settle(page);
    }
    for (let i = 0; i < query.length; i++) {
      await page.keyboard.press('Backspace');
      await settle(page);
    }
  }
}

async function main(): Promise<void> {
  const fake: FakeHome = await makeFakeHome();
  const muxHome = await makeTempDir('mx-bench-tree-');
  let serve: ServeProcess | undefined;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    await writeFile(fake.configFile, '', { mode: 0o600 });
    serve = await startServe({
      ...fake.env,
      MUXDECK_HOME: muxHome,
      MUXDECK_LOG: 'quiet',
      MUXDECK_SYNTHETIC_HOSTS: String(HOSTS),
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(TREE_PROBE_SCRIPT);
    const cdp = await page.context().newCDPSession(page);
    // Warm the server's caches (the synthetic source, the JIT) once, as a user's second start would be.
    await page.goto(serve.url);
    await page.waitForSelector('[data-node-id="source:synthetic"]');
    await page.goto(page.url());
    await page.waitForFunction(
      () => ((globalThis as unknown as BenchWindow).__treeBench.firstPaint ?? -1) > 0,
      null,
      { timeout: 60_000 },
    );
    const firstPaint = await page.evaluate(() => ({
      ms: (globalThis as unknown as BenchWindow).__treeBench.firstPaint ?? NaN,
      rows: (globalThis as unknown as BenchWindow).__treeBench.rowsAtFirstPaint,
    }));
    const heapAfterLoad = await heapUsed(cdp);
    const domAfterLoad = {
      rows: await page.locator('[role="treeitem"]').count(),
      elements: await page.locator('*').count(),
    };

    await typeQueries(page);
    const samples = await page.evaluate(() => (globalThis as unknown as BenchWindow).__treeBench.samples);
    const heapAfterSearch = await heapUsed(cdp);

    // One tree change at this size: favourite a host, until its Favourites row is painted.
    await page.getByRole('searchbox', { name: 'Search hosts' }).fill('fra1-web-00000');
    const host = page.locator('[data-node-id="host:synthetic:fra1-web-00000"]');
    await host.click({ button: 'right' });
    const shown = page.evaluate(() =>
      (globalThis as unknown as BenchWindow).__treeBench.markUntil(
        'favourite',
        '[data-node-id="fav:synthetic:fra1-web-00000"]',
      ),
    );
    await page.getByRole('menuitem', { name: 'Add to favourites' }).click();
    const favouriteMs = Math.round(await shown);

    const results = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model ?? '',
        loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
      },
      hosts: HOSTS,
      firstPaintMs: Math.round(firstPaint.ms),
      keystroke: {
        handlingMs: percentiles(samples.map((s) => s.work)),
        toNextFrameMs: percentiles(samples.map((s) => s.toFrame)),
        toPaintedMs: percentiles(samples.map((s) => s.toPainted)),
        maxRowsInDom: Math.max(...samples.map((s) => s.rows)),
      },
      dom: {
        rowsAtFirstPaint: firstPaint.rows,
        rowsAfterLoad: domAfterLoad.rows,
        elementsAfterLoad: domAfterLoad.elements,
      },
      heapMb: { afterLoad: heapAfterLoad, afterSearch: heapAfterSearch },
      favouriteRoundTripMs: favouriteMs,
    };
    await mkdir(resolve(RESULTS, '..'), { recursive: true });
    await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    console.log(JSON.stringify(results, null, 2));
    console.log(`written to ${RESULTS}`);
  } finally {
    await browser.close();
    await serve?.stop();
    await fake.cleanup();
    await removeDir(muxHome);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
