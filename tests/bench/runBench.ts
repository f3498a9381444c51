/**
 * Run on selection across 50 hosts: Muxdeck's run service (bounded parallel ssh -T, shared
 * connections) against a sequential `ssh host cmd` loop, in the same run, against the same loopback
 * servers (50 ssh config aliases spread over 5 sshd). Cold = no master connection yet (the run opens
 * them); warm = the run rides on the masters the previous one left, as it does for open sessions.
 * Prints a table and writes tests/bench/results/run.json.
 *
 *   node --import tsx tests/bench/runBench.ts     (MUXDECK_BENCH_RUNS=N, default 3; MUXDECK_BENCH_HOSTS=N, default 50)
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { openRunEnvironment } from '../../src-main/cli/runEnvironment';
import { makeFakeHome, startSshd, writeSshClientConfig, type SshdHandle } from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';

const RUNS = Number(process.env.MUXDECK_BENCH_RUNS ?? 3);
const HOSTS = Number(process.env.MUXDECK_BENCH_HOSTS ?? 50);
const SERVERS = 5;
const COMMAND = 'uname -n; cat /proc/loadavg';
const RESULTS = resolve(__dirname, 'results/run.json');
const exec = promisify(execFile);

async function timed<T>(action: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await action();
  return { ms: performance.now() - started, value };
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    median: sorted[Math.floor(sorted.length / 2)] ?? NaN,
    min: sorted[0] ?? NaN,
    max: sorted.at(-1) ?? NaN,
  };
}

async function main(): Promise<void> {
  const servers: SshdHandle[] = await Promise.all(
    Array.from({ length: SERVERS }, () => startSshd({ extraConfig: ['MaxStartups 200', 'MaxSessions 100'] })),
  );
  const fake = await makeFakeHome();
  const home = await makeTempDir('mx-bench-run-');
  const aliases = Array.from({ length: HOSTS }, (_, i) => `bench-${String(i + 1).padStart(2, '0')}`);
  await writeSshClientConfig({
    file: fake.configFile,
    hosts: aliases.map((alias, i) => ({ alias, sshd: servers[i % SERVERS] as SshdHandle })),
    knownHostsFile: fake.knownHostsFile,
  });
  const env = { ...fake.env, MUXDECK_HOME: home };
  const { runs, universe } = await openRunEnvironment({
    home,
    env,
    logger: { info() {}, warn() {}, error() {} },
  });
  const hostIds = (await universe()).hosts.filter((h) => aliases.includes(h.label)).map((h) => h.id);
  if (hostIds.length !== HOSTS) throw new Error(`expected ${HOSTS} hosts, found ${hostIds.length}`);
  const cmDir = join(home, 'cm');
  const dropMasters = async (): Promise<void> => {
    for (const name of readdirSync(cmDir)) {
      // Any alias reaches ssh -O exit: the socket names the master.
      await exec(
        'ssh',
        ['-F', fake.configFile, '-o', `ControlPath=${join(cmDir, name)}`, '-O', 'exit', 'bench-01'],
        {
          env,
        },
      ).catch(() => undefined);
      rmSync(join(cmDir, name), { force: true });
    }
  };
  const muxdeckRun = async (parallel: number): Promise<number> => {
    const started = await runs.start({ hostIds, command: COMMAND, timeoutSeconds: 60, parallel });
    const done = await runs.finished(started.runId);
    const ok = done.hosts.filter((h) => h.status === 'ok').length;
    if (ok !== HOSTS) {
      const bad = done.hosts.find((h) => h.status !== 'ok');
      throw new Error(`only ${ok}/${HOSTS} ok; e.g. ${bad?.label}: ${bad?.status} ${bad?.error ?? ''}`);
    }
    return ok;
  };
  const sequential = async (): Promise<void> => {
    for (const alias of aliases) await exec('ssh', ['-F', fake.configFile, '-T', alias, COMMAND], { env });
  };

  const samples: Record<string, number[]> = {
    [`sequential ssh host cmd loop (${HOSTS} fresh connections)`]: [],
    'Muxdeck run, parallel 16, cold (opens the shared connections)': [],
    'Muxdeck run, parallel 16, warm (rides on shared connections)': [],
    'Muxdeck run, parallel 50, cold': [],
    'Muxdeck run, parallel 50, warm': [],
  };
  const keys = Object.keys(samples);
  for (let i = 0; i < RUNS; i++) {
    samples[keys[0] as string]?.push((await timed(sequential)).ms);
    await dropMasters();
    samples[keys[1] as string]?.push((await timed(() => muxdeckRun(16))).ms);
    samples[keys[2] as string]?.push((await timed(() => muxdeckRun(16))).ms);
    await dropMasters();
    samples[keys[3] as string]?.push((await timed(() => muxdeckRun(50))).ms);
    samples[keys[4] as string]?.push((await timed(() => muxdeckRun(50))).ms);
    await dropMasters();
  }

  const ms = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stats(v)]));
  const baseline = ms[keys[0] as string]?.median ?? NaN;
  const results = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
    date: new Date().toISOString(),
    hosts: HOSTS,
    servers: SERVERS,
    command: COMMAND,
    note: 'wall time for the whole selection, all hosts ok; loopback sshd, ed25519 keys',
    ms,
    speedupVsSequential: Object.fromEntries(
      Object.entries(ms).map(([k, v]) => [k, Number((baseline / v.median).toFixed(1))]),
    ),
  };
  console.log(`run-on-selection benchmark: ${HOSTS} hosts over ${SERVERS} sshd, ${RUNS} runs each (ms)`);
  console.table(
    Object.fromEntries(
      Object.entries(ms).map(([k, v]) => [
        k,
        {
          median: v.median.toFixed(0),
          min: v.min.toFixed(0),
          max: v.max.toFixed(0),
          'x faster': results.speedupVsSequential[k],
        },
      ]),
    ),
  );
  mkdirSync(resolve(RESULTS, '..'), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`written to ${RESULTS}`);

  await dropMasters();
  await Promise.all(servers.map((s) => s.stop()));
  await fake.cleanup();
  await removeDir(home);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
