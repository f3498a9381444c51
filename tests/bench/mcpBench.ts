/**
 * `muxdeck mcp` as an agent feels it: the SDK's Client over stdio against the built CLI, a loopback sshd
 * and Muxdeck's tmux. Measures exec "true" round trips on an open session (the seed projects report
 * ~400 ms per command; the goal is <= 50 ms p50), open_session until the shell answers (cold: first
 * connection to the host; warm: riding on its shared master), and 20 sessions opened at once.
 * Prints a table and writes tests/bench/results/mcp.json. Needs `npx electron-vite build` first.
 *
 *   node --import tsx tests/bench/mcpBench.ts     (MUXDECK_BENCH_EXECS=N, default 200)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { muxdeckPaths } from '../../src-main/app/paths';
import { makeFakeHome, startSshd, writeSshClientConfig } from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer } from '../helpers/tmux';
import { summarize } from './benchSampling';

const EXECS = Number(process.env.MUXDECK_BENCH_EXECS ?? 200);
const CONCURRENT = 20;
const BIN = resolve(__dirname, '../../bin/muxdeck.mjs');
const RESULTS = resolve(__dirname, 'results/mcp.json');

interface ToolResult {
  isError?: boolean;
  content: Array<{ text?: string }>;
  structuredContent?: Record<string, unknown>;
}

async function main(): Promise<void> {
  const sshd = await startSshd({ extraConfig: ['MaxStartups 200', 'MaxSessions 100'] });
  const fake = await makeFakeHome();
  const home = await makeTempDir('mx-bench-mcp-');
  await writeSshClientConfig({
    file: fake.configFile,
    hosts: [{ alias: 'bench', sshd }],
    knownHostsFile: fake.knownHostsFile,
  });
  const env = Object.fromEntries(
    Object.entries({ ...fake.env, MUXDECK_HOME: home, MUXDECK_LOG: 'quiet' }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
  const client = new Client({ name: 'mcp-bench', version: '1' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [BIN, 'mcp', '--allow', 'bench'],
      env,
      stderr: 'pipe',
    }),
  );
  const call = async (name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const result = (await client.callTool({ name, arguments: args }, undefined, {
      timeout: 120_000,
    })) as ToolResult;
    if (result.isError) throw new Error(`${name}: ${result.content[0]?.text ?? ''}`);
    return result.structuredContent ?? {};
  };
  const timed = async (action: () => Promise<unknown>): Promise<number> => {
    const started = performance.now();
    await action();
    return performance.now() - started;
  };

  const openCold = await timed(() => call('open_session', { host: 'bench', name: 'warm-0' }));
  const openWarm: number[] = [];
  for (let i = 1; i <= 5; i += 1)
    openWarm.push(await timed(() => call('open_session', { host: 'bench', name: `warm-${i}` })));

  for (let i = 0; i < 10; i += 1) await call('exec', { session: 'warm-0', command: 'true' });
  const execs: number[] = [];
  for (let i = 0; i < EXECS; i += 1) {
    execs.push(
      await timed(async () => {
        const result = await call('exec', { session: 'warm-0', command: 'true' });
        if (result.exit_code !== 0) throw new Error(`exec true answered ${JSON.stringify(result)}`);
      }),
    );
  }

  const names = Array.from({ length: CONCURRENT }, (_, i) => `many-${i}`);
  const openMany = await timed(() =>
    Promise.all(names.map((name) => call('open_session', { host: 'bench', name }))),
  );
  const execMany = await timed(() =>
    Promise.all(names.map((session) => call('exec', { session, command: 'echo "$$"' }))),
  );
  for (const session of [...names, ...Array.from({ length: 6 }, (_, i) => `warm-${i}`)])
    await call('close_session', { session });

  const results = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
    date: new Date().toISOString(),
    note: 'SDK Client over stdio -> built muxdeck mcp -> tmux -> ssh (shared master) -> loopback sshd; ms',
    execTrueRoundTrip: { samples: EXECS, ...summarize(execs) },
    openSessionToPrompt: { coldMs: Math.round(openCold), warm: summarize(openWarm) },
    concurrent: {
      sessions: CONCURRENT,
      openAllMs: Math.round(openMany),
      execInAllMs: Math.round(execMany),
    },
  };
  console.log(`muxdeck mcp benchmark (${EXECS} execs)`);
  console.table({
    'exec "true" round trip': {
      p50: results.execTrueRoundTrip.p50,
      p95: results.execTrueRoundTrip.p95,
      max: results.execTrueRoundTrip.max,
    },
    'open_session, warm': {
      p50: results.openSessionToPrompt.warm.p50,
      p95: results.openSessionToPrompt.warm.p95,
      max: results.openSessionToPrompt.warm.max,
    },
  });
  console.log(`open_session cold: ${results.openSessionToPrompt.coldMs} ms`);
  console.log(
    `${CONCURRENT} sessions at once: open ${results.concurrent.openAllMs} ms, exec in all ${results.concurrent.execInAllMs} ms`,
  );
  mkdirSync(resolve(RESULTS, '..'), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`written to ${RESULTS}`);

  await client.close();
  await killServer(muxdeckPaths(home, () => home).tmuxSocket).catch(() => undefined);
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
