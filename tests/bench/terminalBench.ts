/**
 * Terminal benchmark (issues 3 and 10): the whole path (Chromium → serve → tmux → ssh → loopback sshd → back
 * → xterm.js). Measures keystroke → echo, `cat` of a big numbered file (throughput, and whether its last
 * lines are all in xterm's buffer), Ctrl+C on `yes` until output stops, memory series during floods,
 * `seq 1 N` kept in xterm's buffer over several runs, and the CPU of idle attached sessions. Prints the
 * numbers and writes tests/bench/results/terminal.json; asserts nothing (numbers depend on the machine).
 *
 *   npx electron-vite build && node --import tsx tests/bench/terminalBench.ts
 *
 * Sizes: MUXDECK_BENCH_SAMPLES (keystrokes, 300), MUXDECK_BENCH_CAT_MB (100), MUXDECK_BENCH_TAIL_LINES
 * (lines of the file's end checked, 10000), MUXDECK_BENCH_SEQ_N (10000), MUXDECK_BENCH_SEQ_RUNS (5),
 * MUXDECK_BENCH_IDLE_SESSIONS (50, 0 skips), MUXDECK_BENCH_IDLE_SECONDS (30). MUXDECK_BENCH_LABEL names the
 * run ("before", "after"); MUXDECK_BENCH_OUT writes somewhere other than terminal.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type CDPSession, type Locator, type Page } from '@playwright/test';
import { checkSequence, checkTail } from '../helpers/bufferChecks';
import { startServe, type ServeProcess } from '../helpers/serveProcess';
import { makeFakeHome, startSshd, writeSshClientConfig, type SshdHandle } from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer, tmuxOk } from '../helpers/tmux';
import { waitFor } from '../helpers/waitFor';
import { clearScrollback, readTerminalBuffer } from '../e2e/terminalBuffer';
import {
  jsHeapUsed,
  memorySampler,
  summarize,
  toMB,
  treeRss,
  type MemorySeries,
  type Summary,
} from './benchSampling';
import { corpusLine, isCorpusLine, writeCorpus } from '../helpers/numberedFile';
import { plainSshCat } from './plainSshCat';
import { measureIdleSessions, type IdleResult } from './terminalBenchIdle';
import { OBSERVE_ROWS, PROBE_SCRIPT } from './terminalBenchProbe';

const HOST = 'bench-box';
const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const SAMPLES = env('MUXDECK_BENCH_SAMPLES', 300);
const WARMUP = 20;
/** One frame at 60 Hz. */
const FRAME_MS = 1000 / 60;
const CAT_MB = env('MUXDECK_BENCH_CAT_MB', 100);
const TAIL_LINES = env('MUXDECK_BENCH_TAIL_LINES', 10_000);
const SEQ_N = env('MUXDECK_BENCH_SEQ_N', 10_000);
const SEQ_RUNS = env('MUXDECK_BENCH_SEQ_RUNS', 5);
const IDLE_SESSIONS = env('MUXDECK_BENCH_IDLE_SESSIONS', 50);
const IDLE_SECONDS = env('MUXDECK_BENCH_IDLE_SECONDS', 30);
/** Output has "stopped" once no terminal:data frame arrived for this long. */
const QUIET_MS = 1_000;
const RESULTS = resolve(process.env.MUXDECK_BENCH_OUT ?? resolve(__dirname, 'results/terminal.json'));
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
  __muxBench: {
    samples: LatencySample[];
    markerSeenAt: number | null;
    lastFrameAt: number;
    frames: number;
  };
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

async function typeLine(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** Arms the probe for a marker the shell computes, so the echoed command line never matches it. */
async function expectMarker(page: Page, marker: string): Promise<void> {
  await page.evaluate(`window.__muxBench.marker = '${marker}'; window.__muxBench.markerSeenAt = null`);
}

async function markerSeen(page: Page, timeoutMs = 120_000): Promise<number> {
  await page.waitForFunction(
    () => (globalThis as unknown as BenchGlobal).__muxBench.markerSeenAt !== null,
    undefined,
    {
      timeout: timeoutMs,
      polling: 100,
    },
  );
  return page.evaluate<number>('window.__muxBench.markerSeenAt');
}

/** Runs a command line and waits until the marker it prints last is on screen; returns that time. */
async function runToMarker(
  page: Page,
  command: string,
  timeoutMs?: number,
): Promise<{ start: number; end: number }> {
  const token = Math.floor(Math.random() * 1e9);
  await expectMarker(page, `done-${token + 1}`);
  await page.keyboard.type(`${command}; echo done-$((${token}+1))`);
  const start = await page.evaluate<number>('performance.now()');
  await page.keyboard.press('Enter');
  const end = await markerSeen(page, timeoutMs);
  return { start, end };
}

async function measureLatency(page: Page): Promise<LatencySample[]> {
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
    // Waiting polls on animation frames, so the next key would always fall at the same point of a frame
    // and every sample would share one frame phase (all lucky or all unlucky). A person types at any
    // moment: a random pause of up to one frame spreads the keys over the frame.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * FRAME_MS));
  }
  await page.keyboard.press('Control+C');
  const all = await page.evaluate<LatencySample[]>('window.__muxBench.samples');
  return all.slice(WARMUP);
}

async function measureCat(
  page: Page,
  terminal: Locator,
  cdp: CDPSession,
  serve: ServeProcess,
  corpus: { file: string; bytes: number; lines: number },
) {
  const wireBefore = await page.evaluate<number>('window.__muxBench.wireChars');
  const memory = memorySampler(serve.pid, cdp);
  const { start, end } = await runToMarker(page, `cat ${corpus.file}`, 30 * 60_000);
  const series = await memory.stop();
  const wire = (await page.evaluate<number>('window.__muxBench.wireChars')) - wireBefore;
  const seconds = (end - start) / 1000;
  // The file's last lines, oldest first, as xterm should hold them.
  const first = Math.max(0, corpus.lines - TAIL_LINES);
  const expected = Array.from({ length: corpus.lines - first }, (_, i) => corpusLine(first + i));
  const tail = checkTail(await readTerminalBuffer(page, terminal), expected, isCorpusLine);
  return {
    fileBytes: corpus.bytes,
    fileLines: corpus.lines,
    seconds: Math.round(seconds * 100) / 100,
    throughputMBps: round1(corpus.bytes / 1e6 / seconds),
    deliveredToPageMB: round1(wire / 1e6),
    deliveredToPageMBps: round1(wire / 1e6 / seconds),
    lastLinesInXtermBuffer: tail,
    memoryDuringCat: series,
  };
}

/**
 * Ctrl+C on `yes`, until output stops: from the Ctrl+C keydown (its event.timeStamp in the page) to the last
 * terminal:data frame that reaches the page before a quiet period of QUIET_MS with no frame at all. That last
 * frame usually carries the ^C echo and the new prompt: the time until the screen is at rest. The flood is
 * first left running until 200 frames have arrived, so the Ctrl+C meets a pipeline full of output.
 */
async function measureCtrlCUntilQuiet(page: Page, cdp: CDPSession, serve: ServeProcess) {
  await expectMarker(page, 'flood-2');
  const memory = memorySampler(serve.pid, cdp);
  await typeLine(page, 'yes flood-$((1+1))');
  await markerSeen(page);
  const frames = await page.evaluate<number>('window.__muxBench.frames');
  await page.waitForFunction(
    (count) => (globalThis as unknown as BenchGlobal).__muxBench.frames >= count + 200,
    frames,
    { timeout: 60_000 },
  );
  await page.keyboard.press('Control+C');
  const ctrlCAt = await page.evaluate<number>('window.__muxBench.ctrlCAt');
  await page.waitForFunction(
    (quietMs) => performance.now() - (globalThis as unknown as BenchGlobal).__muxBench.lastFrameAt >= quietMs,
    QUIET_MS,
    {
      timeout: 120_000,
      polling: 50,
    },
  );
  const lastFrameAt = await page.evaluate<number>('window.__muxBench.lastFrameAt');
  if (lastFrameAt < ctrlCAt) {
    // The probe counts WebSocket frames carrying "terminal:data"; a renamed output event would read as 0 ms.
    throw new Error('no terminal:data frame after Ctrl+C: did the output event change its name?');
  }
  const series = await memory.stop();
  return {
    untilOutputStopsMs: Math.round(lastFrameAt - ctrlCAt),
    quietPeriodMs: QUIET_MS,
    memoryDuringYes: series,
  };
}

/** Issue 3's measure, kept for comparison: Ctrl+C during `yes`, then the next command's output on screen. */
async function measureCtrlCToNextCommand(page: Page): Promise<number> {
  await expectMarker(page, 'flood-2');
  await typeLine(page, 'yes flood-$((1+1))');
  await markerSeen(page);
  const token = Math.floor(Math.random() * 1e9);
  await expectMarker(page, `stopped-${token + 1}`);
  const start = await page.evaluate<number>('performance.now()');
  await page.keyboard.press('Control+C');
  await typeLine(page, `echo stopped-$((${token}+1))`);
  const end = await markerSeen(page);
  return Math.round(end - start);
}

/** `seq 1 N` after clearing xterm's scrollback, read back from xterm's buffer; SEQ_RUNS times. */
async function measureSeq(page: Page, terminal: Locator) {
  const runs = [];
  for (let run = 0; run < SEQ_RUNS; run++) {
    await clearScrollback(page, terminal);
    const { start, end } = await runToMarker(page, `seq 1 ${SEQ_N}`);
    const check = checkSequence(await readTerminalBuffer(page, terminal), SEQ_N);
    runs.push({ ...check, seconds: Math.round(end - start) / 1000 });
  }
  return {
    n: SEQ_N,
    runs: runs.length,
    completeRuns: runs.filter((run) => run.complete).length,
    perRun: runs,
  };
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: __dirname, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg();
  const sshd: SshdHandle = await startSshd();
  const fake = await makeFakeHome();
  const home = await makeTempDir('mx-bench-');
  const dataDir = await makeTempDir('mx-bench-data-');
  let serve: ServeProcess | undefined;
  let browser: Browser | undefined;
  let failurePage: Page | undefined;
  try {
    await writeSshClientConfig({
      file: fake.configFile,
      hosts: [{ alias: HOST, sshd }],
      knownHostsFile: fake.knownHostsFile,
    });
    const corpusFile = join(dataDir, 'corpus.txt');
    const written = await writeCorpus(corpusFile, CAT_MB);
    const corpus = { file: corpusFile, ...written };
    serve = await startServe({ ...fake.env, MUXDECK_HOME: home, MUXDECK_LOG: 'quiet' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(serve.url).origin,
    });
    const page = await context.newPage();
    await page.addInitScript(PROBE_SCRIPT);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(serve.url);

    const openTab = async (): Promise<Locator> => {
      await page
        .getByRole('tree', { name: 'Hosts' })
        .getByRole('treeitem', { name: HOST, exact: true })
        .first()
        .dblclick();
      const shown = page.getByRole('region', { name: `Terminal ${HOST}` });
      await waitFor(async () => /[$#]\s*$/m.test((await shown.locator('.xterm-rows').textContent()) ?? ''), {
        describe: 'the remote prompt',
        timeoutMs: 30_000,
      });
      await shown.click();
      await page.evaluate(OBSERVE_ROWS);
      return shown;
    };
    let terminal = await openTab();
    failurePage = page;
    const renderer = await terminal.locator('.terminal-host').getAttribute('data-renderer');
    const rendererReason = await terminal.locator('.terminal-host').getAttribute('data-renderer-reason');
    const size = (
      await tmuxOk(join(home, 'tmux.sock'), ['list-sessions', '-F', '#{window_width}x#{window_height}'])
    ).trim();

    const log = (line: string): boolean => process.stdout.write(`${line}\n`);
    const failures: Array<{ step: string; error: string }> = [];
    /**
     * One measure; a failure is recorded (with a screenshot) instead of ending the run, and the next measure
     * gets a fresh tab: a terminal that stopped showing output (seen with the old data plane after floods)
     * would otherwise fail every measure after it.
     */
    const step = async <T>(name: string, run: () => Promise<T>): Promise<T | null> => {
      log(`${name}…`);
      try {
        return await run();
      } catch (error) {
        const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
        const shot = join(os.tmpdir(), `muxdeck-terminal-bench-${failures.length + 1}.png`);
        await page.screenshot({ path: shot }).catch(() => undefined);
        failures.push({ step: name, error: message });
        log(`  failed: ${message} (screenshot ${shot})`);
        await page.keyboard.press('Control+Shift+W').catch(() => undefined);
        terminal = await openTab();
        return null;
      }
    };

    const latency =
      (await step(`latency: ${SAMPLES} keystrokes (+${WARMUP} warm-up)`, () => measureLatency(page))) ?? [];
    const seq = await step(`seq: 1..${SEQ_N}, ${SEQ_RUNS} runs`, () => measureSeq(page, terminal));
    const idleMainRss = await treeRss(serve.pid);
    const idleHeap = await jsHeapUsed(cdp);
    const cat = await step(`cat: ${CAT_MB} MB, then its last ${TAIL_LINES} lines from xterm's buffer`, () =>
      measureCat(page, terminal, cdp, serve as ServeProcess, corpus),
    );
    const ctrlC = await step('flood: Ctrl+C during `yes` until output stops', () =>
      measureCtrlCUntilQuiet(page, cdp, serve as ServeProcess),
    );
    const ctrlCToNext = await step('flood: Ctrl+C during `yes`, then the next command', () =>
      measureCtrlCToNextCommand(page),
    );
    log('cat: the same file through plain ssh…');
    const baseline = await plainSshCat(fake, HOST, corpus.file, corpus.bytes);
    const idle =
      IDLE_SESSIONS > 0
        ? await step(`idle: ${IDLE_SESSIONS} attached sessions for ${IDLE_SECONDS} s`, () =>
            measureIdleSessions(browser as Browser, {
              sessions: IDLE_SESSIONS,
              windowSeconds: IDLE_SECONDS,
              settleSeconds: 5,
            }),
          )
        : null;

    const results = {
      // Extensible: readers look up the keys they know; new measures add keys, never change old ones' meaning.
      format: 2,
      label: process.env.MUXDECK_BENCH_LABEL ?? 'unlabelled',
      commit: gitCommit(),
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGB: Math.round(os.totalmem() / 1e8) / 10,
        kernel: `${os.type()} ${os.release()}`,
        node: process.version,
        chromium: browser.version(),
        headless: true,
        // Other work on the machine skews every number: load averages (1, 5, 15 min) at the start and the end.
        loadAverage1m: Math.round((loadAtStart[0] ?? 0) * 100) / 100,
        loadAverageAtStart: loadAtStart.map((value) => Math.round(value * 100) / 100),
        loadAverageAtEnd: os.loadavg().map((value) => Math.round(value * 100) / 100),
        renderer,
        rendererReason,
        terminalSize: size,
      },
      latencyMs: {
        samples: latency.length,
        keydownToEchoOnScreen: summarize(latency.map((sample) => sample.toScreen)),
        keydownToEchoData: summarize(latency.map((sample) => sample.toData)),
      },
      flood: {
        ctrlCUntilOutputStopsMs: ctrlC?.untilOutputStopsMs ?? null,
        ctrlCQuietPeriodMs: QUIET_MS,
        ctrlCToNextCommandOutputMs: ctrlCToNext,
        memoryDuringYes: ctrlC?.memoryDuringYes ?? null,
      },
      cat: {
        ...cat,
        idleMainRssMB: toMB(idleMainRss),
        idleRendererJsHeapMB: toMB(idleHeap),
        // Issue 3's keys, from the series.
        peakMainRssMB: cat?.memoryDuringCat.mainRss.maxMB ?? null,
        peakRendererJsHeapMB: cat?.memoryDuringCat.rendererJsHeap.maxMB ?? null,
        ...baseline,
      },
      seq,
      idle,
      // Measures that gave up, and why; their keys above are null.
      failures,
    };
    await mkdir(resolve(RESULTS, '..'), { recursive: true });
    await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    log(`${JSON.stringify(results, null, 2)}\nwritten to ${RESULTS}`);
    printSummary({ echo: results.latencyMs.keydownToEchoOnScreen, cat, ctrlC, seq, idle, failures });
  } catch (error) {
    // What the page showed when a step gave up: the quickest way to see why.
    const shot = join(os.tmpdir(), 'muxdeck-terminal-bench-failure.png');
    await failurePage?.screenshot({ path: shot }).then(
      () => process.stderr.write(`screenshot of the page: ${shot}\n`),
      () => undefined,
    );
    throw error;
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

interface SummaryInput {
  echo: Summary;
  cat: Awaited<ReturnType<typeof measureCat>> | null;
  ctrlC: Awaited<ReturnType<typeof measureCtrlCUntilQuiet>> | null;
  seq: Awaited<ReturnType<typeof measureSeq>> | null;
  idle: IdleResult | null;
  failures: ReadonlyArray<{ step: string }>;
}

/** The headline numbers, one line each. */
function printSummary({ echo, cat, ctrlC, seq, idle, failures }: SummaryInput): void {
  const memory = (series: MemorySeries | undefined): string =>
    series
      ? `main RSS ${series.mainRss.minMB}–${series.mainRss.maxMB} MB, renderer heap ${series.rendererJsHeap.minMB}–${series.rendererJsHeap.maxMB} MB`
      : 'failed';
  const tail = cat?.lastLinesInXtermBuffer;
  const lines = [
    `keydown → echo on screen: p50 ${echo.p50} / p95 ${echo.p95} / p99 ${echo.p99} ms`,
    cat && tail
      ? `cat ${toMB(cat.fileBytes)} MB: ${cat.throughputMBps} MB/s; last ${tail.expected} lines: ${tail.kept} kept, ${tail.missing} missing, complete in order: ${tail.completeInOrder}`
      : 'cat: failed',
    `memory during cat: ${memory(cat?.memoryDuringCat)}`,
    `memory during yes: ${memory(ctrlC?.memoryDuringYes)}`,
    `Ctrl+C on yes until output stops: ${ctrlC ? `${ctrlC.untilOutputStopsMs} ms` : 'failed'}`,
    seq
      ? `seq 1 ${seq.n}: ${seq.completeRuns}/${seq.runs} runs complete (kept ${seq.perRun.map((run) => run.kept).join(', ')})`
      : 'seq: failed',
    idle
      ? `${idle.sessions} idle sessions over ${idle.windowSeconds} s: serve tree ${idle.serveTreeCpuPercent}% CPU, tmux server tree ${idle.tmuxServerTreeCpuPercent}%`
      : 'idle sessions: skipped or failed',
    `failures: ${failures.length === 0 ? 'none' : failures.map((failure) => failure.step).join('; ')}`,
  ];
  process.stdout.write(`\n${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `terminal benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
