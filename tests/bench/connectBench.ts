/**
 * How long from "open this host" to a shell prompt, through Muxdeck (tmux + ssh + connection
 * sharing), for a first connection and for a second pane riding on the first one; compared in
 * the same run, against the same loopback sshd, with plain `ssh host true` and `ssh host true`
 * over an existing ControlPath. Prints a table and writes tests/bench/results/connect.json.
 *
 *   node --import tsx tests/bench/connectBench.ts          (MUXDECK_BENCH_RUNS=N, default 15)
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { SessionInfo } from '../../src-preload/api';
import { startAppUnderTest } from '../helpers/appUnderTest';
import { makeFakeHome, startSshd, writeSshClientConfig } from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { capturePane, killServer } from '../helpers/tmux';

const RUNS = Number(process.env.MUXDECK_BENCH_RUNS ?? 15);
const RESULTS = resolve(__dirname, 'results/connect.json');
const run = promisify(execFile);

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    runs: sorted.length,
    p50: at(0.5),
    p90: at(0.9),
    min: sorted[0] ?? NaN,
    max: sorted.at(-1) ?? NaN,
  };
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const sshd = await startSshd();
  const fake = await makeFakeHome();
  const home = await makeTempDir('mx-bench-');
  await writeSshClientConfig({
    file: fake.configFile,
    hosts: [{ alias: 'box', sshd }],
    knownHostsFile: fake.knownHostsFile,
  });
  const app = await startAppUnderTest(home, fake.env);
  const socket = app.services.paths.tmuxSocket;
  const cmDir = join(home, 'cm');
  const ssh = (args: string[]) => run('ssh', ['-F', fake.configFile, ...args], { env: fake.env });

  const waitForPrompt = async (id: string): Promise<void> => {
    for (;;) {
      if (/[$#] $/m.test(await capturePane(socket, `=${id}:`))) return;
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const openToPrompt = async (): Promise<string> => {
    const session = await app.call<SessionInfo>('sessions:open', {
      hostId: 'ssh-config:box',
      cols: 100,
      rows: 30,
    });
    await waitForPrompt(session.id);
    return session.id;
  };
  const closeAll = async (): Promise<void> => {
    for (const s of await app.call<SessionInfo[]>('sessions:list', {}))
      await app.call('sessions:close', { sessionId: s.id });
    for (const name of readdirSync(cmDir)) {
      await ssh(['-o', `ControlPath=${join(cmDir, name)}`, '-O', 'exit', 'box']).catch(() => undefined);
      rmSync(join(cmDir, name), { force: true });
    }
  };

  const plain: number[] = [];
  const plainShared: number[] = [];
  const first: number[] = [];
  const shared: number[] = [];
  const controlPath = join(home, 'plain-cm');
  for (let i = 0; i < RUNS; i++) {
    plain.push(await timed(() => ssh(['box', 'true'])));
    await ssh([
      '-o',
      'ControlMaster=yes',
      '-o',
      `ControlPath=${controlPath}`,
      '-o',
      'ControlPersist=60',
      '-fN',
      'box',
    ]);
    plainShared.push(await timed(() => ssh(['-o', `ControlPath=${controlPath}`, 'box', 'true'])));
    await ssh(['-o', `ControlPath=${controlPath}`, '-O', 'exit', 'box']).catch(() => undefined);

    await closeAll();
    first.push(await timed(openToPrompt));
    shared.push(await timed(openToPrompt));
  }
  await closeAll();

  const results = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
    date: new Date().toISOString(),
    note: 'loopback sshd; Muxdeck times run to the interactive prompt (login shell rc included), plain ssh runs `true`',
    ms: {
      'ssh host true (fresh connection)': summary(plain),
      'ssh host true (existing ControlPath)': summary(plainShared),
      'Muxdeck open -> prompt (first connection)': summary(first),
      'Muxdeck open -> prompt (shared connection)': summary(shared),
    },
  };
  console.log(`connect benchmark, ${RUNS} runs each (ms)`);
  console.table(
    Object.fromEntries(
      Object.entries(results.ms).map(([k, v]) => [
        k,
        { p50: v.p50.toFixed(1), p90: v.p90.toFixed(1), min: v.min.toFixed(1), max: v.max.toFixed(1) },
      ]),
    ),
  );
  mkdirSync(resolve(RESULTS, '..'), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`written to ${RESULTS}`);

  app.crash();
  await killServer(socket);
  await sshd.stop();
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
