/**
 * Numbers the terminal benchmarks share: percentiles, memory and CPU of a process tree from /proc, and a
 * sampler that keeps a whole series (so "flat during a flood" can be judged from its range, not a peak).
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { CDPSession } from '@playwright/test';
import { listDescendantPids } from '../helpers/processTree';

export interface Summary {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
export const toMB = (bytes: number): number => Math.round(bytes / 1e5) / 10;

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return {
    p50: round2(at(0.5)),
    p95: round2(at(0.95)),
    p99: round2(at(0.99)),
    mean: round2(mean),
    max: round2(sorted.at(-1) ?? NaN),
  };
}

async function treePids(rootPid: number): Promise<number[]> {
  return [rootPid, ...(await listDescendantPids(rootPid))];
}

/** RSS in bytes of a process and all its descendants. */
export async function treeRss(rootPid: number): Promise<number> {
  let total = 0;
  for (const pid of await treePids(rootPid)) {
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

const CLOCK_TICKS = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU seconds (user + system) used so far by a process and its live descendants, plus what their reaped
 * children used (cutime/cstime), so a short-lived helper process spawned by a poll is counted too.
 */
export async function treeCpuSeconds(rootPid: number): Promise<number> {
  let ticks = 0;
  for (const pid of await treePids(rootPid)) {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      // Fields after the last ')' start at field 3 (state); utime..cstime are fields 14..17.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      for (const index of [11, 12, 13, 14]) ticks += Number(fields[index] ?? 0);
    } catch {
      // Exited while we looked.
    }
  }
  return ticks / CLOCK_TICKS;
}

export async function jsHeapUsed(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? NaN;
}

/** Seconds the page's main thread spent in tasks so far (Chromium's TaskDuration metric). */
export async function rendererTaskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? NaN;
}

export interface SeriesRange {
  samples: number;
  firstMB: number;
  lastMB: number;
  minMB: number;
  maxMB: number;
}

function range(values: readonly number[]): SeriesRange {
  const finite = values.filter(Number.isFinite);
  return {
    samples: finite.length,
    firstMB: toMB(finite[0] ?? NaN),
    lastMB: toMB(finite.at(-1) ?? NaN),
    minMB: toMB(Math.min(...finite)),
    maxMB: toMB(Math.max(...finite)),
  };
}

export interface MemorySeries {
  mainRss: SeriesRange;
  rendererJsHeap: SeriesRange;
}

/** Samples the serve tree's RSS and the page's JS heap every `intervalMs` until stopped. */
export function memorySampler(servePid: number, cdp: CDPSession, intervalMs = 100) {
  const rss: number[] = [];
  const heap: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const [mainRss, jsHeap] = await Promise.all([treeRss(servePid), jsHeapUsed(cdp).catch(() => NaN)]);
      rss.push(mainRss);
      heap.push(jsHeap);
      await new Promise((done) => setTimeout(done, intervalMs));
    }
  })();
  return {
    async stop(): Promise<MemorySeries> {
      running = false;
      await loop;
      return { mainRss: range(rss), rendererJsHeap: range(heap) };
    },
  };
}
