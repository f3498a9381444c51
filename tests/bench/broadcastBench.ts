/**
 * Broadcast benchmark (issue 6): 50 panes opened as a group, broadcast on, `cat` running in each; the time
 * from one keystroke (keydown in the focused pane) until its echo is drawn in the first and in ALL 50 panes.
 * The whole path: Chromium → serve (one terminal:broadcast, fanned out to 50 tmux clients) → tmux → ssh →
 * loopback sshd → back → 50 xterm.js terminals. Prints the numbers and writes
 * tests/bench/results/broadcast.json; asserts nothing (numbers depend on the machine).
 *
 *   npx electron-vite build && node --import tsx tests/bench/broadcastBench.ts
 *
 * MUXDECK_BENCH_PANES (default 50) and MUXDECK_BENCH_SAMPLES (default 200) change the sizes. The 50
 * "hosts" are aliases of one sshd (MaxSessions raised): Muxdeck shares one ssh connection per real target,
 * as it would for 50 names of one machine; 50 sshd processes would measure this 2-core box's scheduler.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serveProcess';
import { makeFakeHome, startSshd, writeSshClientConfig } from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer } from '../helpers/tmux';

const PANES = Number(process.env.MUXDECK_BENCH_PANES ?? 50);
const SAMPLES = Number(process.env.MUXDECK_BENCH_SAMPLES ?? 200);
const WARMUP = 10;
/** Keystrokes per line before Ctrl+U erases it: a line never wraps in the smallest pane. */
const PER_LINE = 6;
const RESULTS = resolve(__dirname, 'results/broadcast.json');
const CHROMIUM = process.env.MUXDECK_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
];

/**
 * In-page probe (source text: it runs in Chromium). keydown stamps the start; a MutationObserver on the
 * workspace sees each pane's count of "x" rise above what it was at keydown.
 */
const PROBE = String.raw`
(() => {
  const bench = {
    samples: [],
    pending: null,
    rows: [],
    count(i) { return (bench.rows[i].textContent.match(/x/g) || []).length; },
    counts() { return bench.rows.map((_, i) => bench.count(i)); },
    arm() {
      bench.rows = [...document.querySelectorAll('.pane:not([hidden]) .xterm-rows')];
      new MutationObserver(() => {
        const p = bench.pending;
        if (!p) return;
        const now = performance.now();
        for (let i = 0; i < bench.rows.length; i++) if (p.seen[i] === null && bench.count(i) > p.base[i]) p.seen[i] = now;
        if (p.seen.every((t) => t !== null)) {
          bench.samples.push({ first: Math.min(...p.seen) - p.at, all: Math.max(...p.seen) - p.at });
          bench.pending = null;
        }
      }).observe(document.getElementById('workspace-panel'), { childList: true, subtree: true, characterData: true });
      bench.lineStart = bench.counts();
      return bench.rows.length;
    },
    ready(panes) {
      const connected = document.querySelectorAll('.pane:not([hidden]) .pane-header[data-status="connected"]');
      const rows = [...document.querySelectorAll('.pane:not([hidden]) .xterm-rows')];
      return connected.length === panes && rows.every((r) => /[$#]\s*$/m.test(r.textContent || ''));
    },
    erased() { return bench.counts().every((n, i) => n <= bench.lineStart[i]); },
  };
  window.__bc = bench;
  window.addEventListener('keydown', (event) => {
    if (event.key !== 'x' || bench.rows.length === 0) return;
    bench.pending = { at: event.timeStamp, base: bench.counts(), seen: bench.rows.map(() => null) };
  }, { capture: true });
})();
`;

interface Sample {
  first: number;
  all: number;
}

function summarize(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const round = (n: number): number => Math.round(n * 100) / 100;
  return {
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    mean: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length),
    max: round(sorted.at(-1) ?? NaN),
  };
}

async function openGroup(page: Page): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search hosts' }).fill('bench-');
  const tree = page.getByRole('tree', { name: 'Hosts' });
  await tree.getByRole('treeitem', { name: 'bench-01', exact: true }).first().click();
  await page.keyboard.press('a');
  await page.getByText(`${PANES} selected`).waitFor();
  await page.keyboard.press('Shift+Enter');
  await page.getByRole('button', { name: `Open ${PANES} sessions` }).click();
  // Every pane connected and showing its prompt.
  await page.waitForFunction(
    (panes) => (globalThis as unknown as { __bc: { ready(n: number): boolean } }).__bc.ready(panes),
    PANES,
    { timeout: 180_000, polling: 500 },
  );
}

async function measure(page: Page): Promise<Sample[]> {
  const panes = await page.evaluate<number>('window.__bc.arm()');
  if (panes !== PANES) throw new Error(`expected ${PANES} panes on screen, found ${panes}`);
  const total = (): Promise<number> => page.evaluate<number>('window.__bc.samples.length');
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const before = await total();
    await page.keyboard.press('x');
    await page.waitForFunction(
      (count) => (globalThis as unknown as { __bc: { samples: unknown[] } }).__bc.samples.length > count,
      before,
      {
        polling: 'raf',
        timeout: 30_000,
      },
    );
    if (i % PER_LINE === PER_LINE - 1) {
      // Erase the line in every pane (the tty echoes the erase) and wait until no pane shows our x's
      // (the login banner may hold some: x86_64).
      await page.keyboard.press('Control+U');
      await page.waitForFunction(
        () => (globalThis as unknown as { __bc: { erased(): boolean } }).__bc.erased(),
        undefined,
        { polling: 'raf', timeout: 30_000 },
      );
    }
  }
  const all = await page.evaluate<Sample[]>('window.__bc.samples');
  return all.slice(WARMUP);
}

async function main(): Promise<void> {
  const sshd = await startSshd({ extraConfig: ['MaxSessions 1000', 'MaxStartups 1000'] });
  const fake = await makeFakeHome();
  const names = Array.from({ length: PANES }, (_, i) => `bench-${String(i + 1).padStart(2, '0')}`);
  await writeSshClientConfig({
    file: fake.configFile,
    hosts: names.map((alias) => ({ alias, sshd })),
    knownHostsFile: fake.knownHostsFile,
  });
  const home = await makeTempDir('mx-bench-bc-');
  let serve: ServeProcess | undefined;
  let browser: Browser | undefined;
  try {
    serve = await startServe({ ...fake.env, MUXDECK_HOME: home, MUXDECK_LOG: 'quiet' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.addInitScript(PROBE);
    await page.goto(serve.url);
    const openStart = Date.now();
    await openGroup(page);
    const openSeconds = (Date.now() - openStart) / 1000;

    await page.getByRole('region', { name: 'Terminal bench-01' }).click();
    await page.keyboard.press('Control+Shift+B');
    await page.getByText(`Broadcasting to ${PANES} sessions`).waitFor();
    // `cat` echoes through each remote pty's line discipline: one x comes back from each host.
    await page.keyboard.type('cat');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1000);
    const samples = await measure(page);
    await page.keyboard.press('Control+C');

    const results = {
      benchmark: 'broadcast keystroke to echo in every pane',
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model ?? 'unknown',
        platform: process.platform,
      },
      panes: PANES,
      samples: samples.length,
      openGroupSeconds: Math.round(openSeconds * 10) / 10,
      firstPaneEchoMs: summarize(samples.map((sample) => sample.first)),
      allPanesEchoMs: summarize(samples.map((sample) => sample.all)),
    };
    await mkdir(resolve(RESULTS, '..'), { recursive: true });
    await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(results, null, 2)}\nwritten to ${RESULTS}\n`);
  } finally {
    await browser?.close();
    await serve?.stop();
    await killServer(join(home, 'tmux.sock')).catch(() => undefined);
    await sshd.stop();
    await fake.cleanup();
    await removeDir(home);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
