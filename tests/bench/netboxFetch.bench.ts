/**
 * NetBox sync throughput against the simulator running in its own process (so server and
 * client do not share a CPU thread): 5,000 devices + 3,000 VMs at concurrency 1, 4 and 8, with
 * and without 200 ms added to every answer (a NetBox whose pages take that long to render on
 * several workers; the single-threaded simulator alone is CPU-bound), page sizes 100 and 1000,
 * then 50,000 objects at concurrency 1 and 4.
 * Prints a table and writes tests/bench/results/netbox-fetch.json.
 *
 *   node --import tsx tests/bench/netboxFetch.bench.ts
 *   NETBOX_BENCH_QUICK=1 node --import tsx tests/bench/netboxFetch.bench.ts   # skip the 50k run
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { withDefaults } from '../../src-main/inventory/netbox/netboxConfig';
import { importFromNetbox } from '../../src-main/inventory/netbox/netboxImport';
import { createUndiciNetboxHttp } from '../../src-main/inventory/netbox/undiciNetboxHttp';

const SIM = process.env.MUXDECK_NETBOX_SIM ?? resolve(__dirname, '../../../shared/netbox-sim/server.mjs');
const RESULTS = resolve(__dirname, 'results/netbox-fetch.json');

interface Sim {
  url: string;
  token: string;
  process: ChildProcess;
}

async function startSim(args: string[]): Promise<Sim> {
  const child = spawn(process.execPath, [SIM, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const values: Record<string, string> = {};
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    const match = /^([A-Z_0-9]+)=(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) values[match[1]] = match[2];
    if (match?.[1] === 'NETBOX_VERSION') break;
  }
  if (!values.NETBOX_URL || !values.NETBOX_TOKEN) throw new Error('the simulator did not start');
  return { url: values.NETBOX_URL, token: values.NETBOX_TOKEN, process: child };
}

async function setFaults(sim: Sim, faults: string[]): Promise<void> {
  await fetch(`${sim.url}/__sim/faults`, { method: 'POST', body: JSON.stringify(faults) });
}

interface Run {
  scenario: string;
  /** Median of `repeats` runs; all wall times are listed too. */
  repeats: number;
  wallMsAll: number[];
  objects: number;
  concurrency: number;
  pageSize: number;
  latencyMs: number;
  wallMs: number;
  objectsPerSecond: number;
  requests: number;
  peakRssMb: number;
  peakHeapMb: number;
}

const REPEATS = Number(process.env.NETBOX_BENCH_REPEATS ?? 3);

/** The median run of several: one sync is short enough for GC and JIT to skew it. */
async function measure(
  sim: Sim,
  scenario: string,
  options: { concurrency: number; pageSize: number; latencyMs: number },
  repeats = REPEATS,
): Promise<Run> {
  const runs: Run[] = [];
  for (let i = 0; i < repeats; i++) runs.push(await measureOnce(sim, scenario, options));
  runs.sort((a, b) => a.wallMs - b.wallMs);
  const median = runs[Math.floor(runs.length / 2)] ?? runs[0];
  if (!median) throw new Error('no runs');
  return { ...median, repeats, wallMsAll: runs.map((r) => r.wallMs) };
}

async function measureOnce(
  sim: Sim,
  scenario: string,
  options: { concurrency: number; pageSize: number; latencyMs: number },
): Promise<Run> {
  await setFaults(sim, options.latencyMs > 0 ? [`latency:ms=${options.latencyMs}`] : []);
  const http = createUndiciNetboxHttp();
  globalThis.gc?.();
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const started = performance.now();
  try {
    const result = await importFromNetbox(
      {
        sourceId: 'netbox:bench',
        settings: withDefaults({
          url: sim.url,
          fetch: { concurrency: options.concurrency, pageSize: options.pageSize, requestTimeoutMs: 120_000 },
        }),
        token: sim.token,
      },
      { http },
    );
    const wallMs = performance.now() - started;
    const objects = result.hosts.length;
    return {
      scenario,
      repeats: 1,
      wallMsAll: [Math.round(wallMs)],
      objects,
      ...options,
      wallMs: Math.round(wallMs),
      objectsPerSecond: Math.round((objects / wallMs) * 1000),
      requests: result.stats.requests,
      peakRssMb: Math.round(peakRss / 2 ** 20),
      peakHeapMb: Math.round(peakHeap / 2 ** 20),
    };
  } finally {
    clearInterval(sampler);
    await http.close();
  }
}

async function main(): Promise<void> {
  const runs: Run[] = [];
  const print = (run: Run) =>
    console.log(
      `${run.scenario.padEnd(26)} ${String(run.objects).padStart(6)} objects  c=${run.concurrency}  page=${run.pageSize}` +
        `  +${run.latencyMs} ms  ${String(run.wallMs).padStart(6)} ms  ${String(run.objectsPerSecond).padStart(6)}/s` +
        `  ${run.requests} req  rss ${run.peakRssMb} MB  heap ${run.peakHeapMb} MB`,
    );

  const sim = await startSim(['--devices', '5000', '--vms', '3000', '--seed', '7']);
  try {
    // One warm-up so both sides have compiled their hot paths.
    await measure(sim, 'warm-up', { concurrency: 4, pageSize: 500, latencyMs: 0 }, 2);
    for (const latencyMs of [0, 200]) {
      for (const concurrency of [1, 4, 8]) {
        const run = await measure(sim, `8k${latencyMs ? ' +latency' : ''}`, {
          concurrency,
          pageSize: 500,
          latencyMs,
        });
        runs.push(run);
        print(run);
      }
    }
    for (const pageSize of [100, 1000]) {
      const run = await measure(sim, '8k page size', { concurrency: 4, pageSize, latencyMs: 0 });
      runs.push(run);
      print(run);
    }
  } finally {
    sim.process.kill('SIGTERM');
  }

  if (!process.env.NETBOX_BENCH_QUICK) {
    const large = await startSim(['--devices', '30000', '--vms', '20000', '--seed', '8']);
    try {
      for (const concurrency of [1, 4]) {
        const run = await measure(large, '50k', { concurrency, pageSize: 1000, latencyMs: 0 });
        runs.push(run);
        print(run);
      }
    } finally {
      large.process.kill('SIGTERM');
    }
  }

  mkdirSync(resolve(__dirname, 'results'), { recursive: true });
  writeFileSync(
    RESULTS,
    `${JSON.stringify(
      {
        benchmark: 'netbox-fetch',
        date: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        simulator: 'shared/netbox-sim (NetBox 4.5 profile), separate process on 127.0.0.1',
        runs,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`written ${RESULTS}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
