/**
 * Terminal benchmark (issue 3): keystroke-to-echo latency and `cat` throughput through the whole path
 * (Chromium → serve → tmux → ssh → loopback sshd → back → xterm.js), with peak memory of the serve process
 * tree and of the page's JS heap. Prints the numbers and writes tests/bench/results/terminal.json; asserts
 * nothing (numbers depend on the machine).
 *
 *   npx electron-vite build && node --import tsx tests/bench/terminalBench.ts
 *
 * MUXDECK_BENCH_SAMPLES (default 300) and MUXDECK_BENCH_CAT_MB (default 100) change the sizes.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { listDescendantPids } from '../helpers/processTree';
import { startServe, type ServeProcess } from '../helpers/serveProcess';
import {
  makeFakeHome,
  startSshd,
  writeSshClientConfig,
  type FakeHome,
  type SshdHandle,
} from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer, tmuxOk } from '../helpers/tmux';
import { waitFor } from '../helpers/waitFor';
import { OBSERVE_ROWS, PROBE_SCRIPT } from './terminalBenchProbe';

const HOST = 'bench-box';
const SAMPLES = Number(process.env.MUXDECK_BENCH_SAMPLES ?? 300);
const WARMUP = 20;
const CAT_MB = Number(process.env.MUXDECK_BENCH_CAT_MB ?? 100);
const RESULTS = resolve(__dirname, 'results/terminal.json');
const CHROMIUM = process.env.MUXDECK_CHROMIUM ?? '/usr/bin/chromium';
/** The same flags as the e2e tests (playwright.config.ts): headless, no GPU. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
];

interface LatencySample {
  toData: number;
  toScreen: number;
}

/** What the probe (terminalBenchProbe.ts) keeps on window. */
interface BenchGlobal {
  __muxBench: { samples: LatencySample[]; markerSeenAt: number | null };
}

interface Summary {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const round = (n: number): number => Math.round(n * 100) / 100;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return {
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    mean: round(mean),
    max: round(sorted.at(-1) ?? NaN),
  };
}

/** RSS in bytes of a process and all its descendants (the serve process, its tmux clients under node-pty). */
async function treeRss(rootPid: number): Promise<number> {
  const pids = [rootPid, ...(await listDescendantPids(rootPid))];
  let total = 0;
  for (const pid of pids) {
    try {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
      if (kb) total += Number(kb) * 1024;
    } catch {
      // Exited while we looked.
    }
  }
  return total;
}

async function jsHeapUsed(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? NaN;
}

/** Samples memory every 100 ms until stopped; keeps the peaks. */
function memorySampler(servePid: number, cdp: CDPSession) {
  let peakMain = 0;
  let peakHeap = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const [rss, heap] = await Promise.all([treeRss(servePid), jsHeapUsed(cdp).catch(() => NaN)]);
      peakMain = Math.max(peakMain, rss);
      if (Number.isFinite(heap)) peakHeap = Math.max(peakHeap, heap);
      await new Promise((done) => setTimeout(done, 100));
    }
  })();
  return {
    async stop(): Promise<{ peakMainRss: number; peakRendererHeap: number }> {
      running = false;
      await loop;
      return { peakMainRss: peakMain, peakRendererHeap: peakHeap };
    },
  };
}

/** A text file that looks like `ls -l` output, ~80-char lines: what people actually cat. */
async function writeCorpus(file: string, megabytes: number): Promise<number> {
  const out = createWriteStream(file);
  const target = megabytes * 1_000_000;
  let written = 0;
  let line = 0;
  while (written < target) {
    const text = `-rw-r--r-- 1 muxdeck staff ${String((line * 7919) % 999_999).padStart(7)} Nov 23 12:${String(line % 60).padStart(2, '0')} file-${line}.log\n`;
    written += text.length;
    line += 1;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return written;
}

async function typeLine(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

async function measureLatency(page: Page): Promise<{ samples: LatencySample[] }> {
  // `cat` echoes through the remote pty's line discipline: each x comes back as soon as sshd reads it.
  await typeLine(page, 'cat');
  const sampleCount = (): Promise<number> => page.evaluate<number>('window.__muxBench.samples.length');
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const before = await sampleCount();
    await page.keyboard.press('x');
    // A function, not a string: the page's CSP forbids eval.
    await page.waitForFunction(
      (count) => (globalThis as unknown as BenchGlobal).__muxBench.samples.length > count,
      before,
      { polling: 'raf' },
    );
    // A fresh line now and then keeps the row from wrapping across the screen.
    if (i % 60 === 59) await page.keyboard.press('Enter');
  }
  await page.keyboard.press('Control+C');
  const all = await page.evaluate<LatencySample[]>('window.__muxBench.samples');
  return { samples: all.slice(WARMUP) };
}

async function measureCat(
  page: Page,
  cdp: CDPSession,
  serve: ServeProcess,
  corpus: string,
  bytes: number,
): Promise<Record<string, number>> {
  // The shell prints the marker only after cat is done; the echoed command line holds $((…)), not the number.
  const token = Math.floor(Math.random() * 1e9);
  await page.evaluate(`window.__muxBench.marker = 'cat-done-${token + 1}'`);
  const wireBefore = await page.evaluate<number>('window.__muxBench.wireChars');
  const memory = memorySampler(serve.pid, cdp);
  await page.keyboard.type(`cat ${corpus}; echo cat-done-$((${token}+1))`);
  const start = await page.evaluate<number>('performance.now()');
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => (globalThis as unknown as BenchGlobal).__muxBench.markerSeenAt !== null,
    undefined,
    {
      timeout: 30 * 60_000,
      polling: 500,
    },
  );
  const end = await page.evaluate<number>('window.__muxBench.markerSeenAt');
  const peaks = await memory.stop();
  const wire = (await page.evaluate<number>('window.__muxBench.wireChars')) - wireBefore;
  const seconds = (end - start) / 1000;
  return {
    fileBytes: bytes,
    seconds: Math.round(seconds * 100) / 100,
    throughputMBps: Math.round((bytes / 1e6 / seconds) * 10) / 10,
    // tmux redraws the screen instead of replaying every line a client could not keep up with.
    deliveredToPageMB: Math.round((wire / 1e6) * 10) / 10,
    deliveredToPageMBps: Math.round((wire / 1e6 / seconds) * 10) / 10,
    peakMainRssMB: Math.round(peaks.peakMainRss / 1e5) / 10,
    peakRendererJsHeapMB: Math.round(peaks.peakRendererHeap / 1e5) / 10,
  };
}

/**
 * A `yes` flood, then Ctrl+C and a command: how long from the Ctrl+C keydown until that command's output
 * is on screen. Measures that the backlog a flood leaves behind is small.
 */
async function measureInterrupt(page: Page): Promise<number> {
  const markerSeen = (): Promise<unknown> =>
    page.waitForFunction(
      () => (globalThis as unknown as BenchGlobal).__muxBench.markerSeenAt !== null,
      undefined,
      {
        timeout: 120_000,
      },
    );
  const expectMarker = (marker: string): Promise<unknown> =>
    page.evaluate(`window.__muxBench.marker = '${marker}'; window.__muxBench.markerSeenAt = null`);
  // Markers are computed by the shell, so the echoed command line never matches them.
  await expectMarker('flood-2');
  await typeLine(page, 'yes flood-$((1+1))');
  await markerSeen();
  const token = Math.floor(Math.random() * 1e9);
  await expectMarker(`stopped-${token + 1}`);
  const start = await page.evaluate<number>('performance.now()');
  await page.keyboard.press('Control+C');
  await typeLine(page, `echo stopped-$((${token}+1))`);
  await markerSeen();
  const end = await page.evaluate<number>('window.__muxBench.markerSeenAt');
  return Math.round(end - start);
}

/** Runs ssh with its output read and thrown away (a pipe, not a buffer: 100 MB would not fit). */
async function timedSsh(fake: FakeHome, args: readonly string[]): Promise<number> {
  const started = performance.now();
  const child = spawn('ssh', ['-F', fake.configFile, ...args], {
    env: fake.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stdout.resume();
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`ssh ${args.join(' ')} failed (${code}): ${stderr}`);
  return (performance.now() - started) / 1000;
}

/** The same file through plain ssh: the ceiling the terminal path is compared with. */
async function plainSshCat(fake: FakeHome, corpus: string, bytes: number): Promise<Record<string, number>> {
  const handshake = await timedSsh(fake, [HOST, 'true']);
  // Without a pty: the bytes cross ssh and are dropped here.
  const toDevNull = await timedSsh(fake, [HOST, `cat ${corpus}`]);
  // Through a remote pty, as the terminal path is, into a reader that draws nothing.
  const throughPty = await timedSsh(fake, ['-tt', HOST, `cat ${corpus}`]);
  const rate = (seconds: number): number =>
    Math.round((bytes / 1e6 / Math.max(0.001, seconds - handshake)) * 10) / 10;
  return {
    sshHandshakeSeconds: Math.round(handshake * 100) / 100,
    sshPipeMBps: rate(toDevNull),
    sshPtyToPipeMBps: rate(throughPty),
  };
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg()[0] ?? 0;
  const sshd: SshdHandle = await startSshd();
  const fake = await makeFakeHome();
  const home = await makeTempDir('mx-bench-');
  const dataDir = await makeTempDir('mx-bench-data-');
  let serve: ServeProcess | undefined;
  let browser: Browser | undefined;
  try {
    await writeSshClientConfig({
      file: fake.configFile,
      hosts: [{ alias: HOST, sshd }],
      knownHostsFile: fake.knownHostsFile,
    });
    const corpus = join(dataDir, 'corpus.txt');
    const corpusBytes = await writeCorpus(corpus, CAT_MB);
    serve = await startServe({ ...fake.env, MUXDECK_HOME: home, MUXDECK_LOG: 'quiet' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(PROBE_SCRIPT);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(serve.url);

    await page
      .getByRole('tree', { name: 'Hosts' })
      .getByRole('treeitem', { name: HOST, exact: true })
      .first()
      .dblclick();
    const terminal = page.getByRole('region', { name: `Terminal ${HOST}` });
    await waitFor(async () => /[$#]\s*$/m.test((await terminal.locator('.xterm-rows').textContent()) ?? ''), {
      describe: 'the remote prompt',
      timeoutMs: 30_000,
    });
    const renderer = await terminal.locator('.terminal-host').getAttribute('data-renderer');
    const rendererReason = await terminal.locator('.terminal-host').getAttribute('data-renderer-reason');
    const size = (
      await tmuxOk(join(home, 'tmux.sock'), ['list-sessions', '-F', '#{window_width}x#{window_height}'])
    ).trim();
    await terminal.click();
    await page.evaluate(OBSERVE_ROWS);

    process.stdout.write(`latency: ${SAMPLES} keystrokes (+${WARMUP} warm-up)…\n`);
    const latency = await measureLatency(page);
    const toScreen = summarize(latency.samples.map((sample) => sample.toScreen));
    const toData = summarize(latency.samples.map((sample) => sample.toData));

    process.stdout.write(`cat: ${CAT_MB} MB through the terminal…\n`);
    const idleMainRss = await treeRss(serve.pid);
    const idleHeap = await jsHeapUsed(cdp);
    const cat = await measureCat(page, cdp, serve, corpus, corpusBytes);
    process.stdout.write('flood: Ctrl+C during `yes`…\n');
    const interruptMs = await measureInterrupt(page);
    process.stdout.write('cat: the same file through plain ssh…\n');
    const baseline = await plainSshCat(fake, corpus, corpusBytes);

    const results = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGB: Math.round(os.totalmem() / 1e8) / 10,
        kernel: `${os.type()} ${os.release()}`,
        node: process.version,
        chromium: browser.version(),
        headless: true,
        // Other work on the machine skews every number: the 1-minute load average when the run started.
        loadAverage1m: Math.round(loadAtStart * 100) / 100,
        renderer,
        rendererReason,
        terminalSize: size,
      },
      latencyMs: {
        samples: latency.samples.length,
        keydownToEchoOnScreen: toScreen,
        keydownToEchoData: toData,
      },
      flood: { ctrlCToNextCommandOutputMs: interruptMs },
      cat: {
        ...cat,
        idleMainRssMB: Math.round(idleMainRss / 1e5) / 10,
        idleRendererJsHeapMB: Math.round(idleHeap / 1e5) / 10,
        ...baseline,
      },
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
    await removeDir(dataDir);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `terminal benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
