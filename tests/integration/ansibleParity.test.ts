/**
 * Differential test: for every inventory in tests/fixtures/ansible/corpus.json, Debian's real
 * `ansible-inventory -i ... --list` (ansible-core 2.14.18) and Muxdeck must print the same JSON
 * (compared as data: key order ignored, list order not). Nothing is recorded: the oracle runs on
 * every test run, in a hermetic environment (its own HOME, ANSIBLE_HOME, an empty config, an
 * empty working directory). Most cases go through the parser's functions; the ones marked
 * viaCli also go through the built CLI, `node bin/muxdeck.mjs inventory --ansible ... --list`.
 */
import { chmod, cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAnsibleListJson, toAnsibleListJson } from '../../src-main/inventory/ansible/ansibleListJson';
import {
  loadAnsibleInventory,
  type LoadedInventory,
} from '../../src-main/inventory/ansible/loadAnsibleInventory';
import {
  commandScriptRunner,
  nodeInventoryFileSystem,
} from '../../src-main/inventory/ansible/nodeInventoryFileSystem';
import { execFileRunner } from '../../src-main/platform/execFileRunner';
import { runCommand } from '../helpers/runCommand';
import { makeTempDir, removeDir } from '../helpers/tempDir';

const ORACLE = '/usr/bin/ansible-inventory';
const FIXTURES = resolve(__dirname, '../fixtures/ansible');
const BIN = resolve(__dirname, '../../bin/muxdeck.mjs');
const BUILT_CLI = resolve(__dirname, '../../out/main/cli.js');
/** ansible-inventory takes about half a second; two at a time keeps the file well under 90 s. */
const ORACLE_CONCURRENCY = 2;

interface CorpusCase {
  name: string;
  sources: string[];
  covers: string;
  scriptOutput?: string[];
  executable?: string[];
  allowScripts?: boolean;
  viaCli?: boolean;
}

interface OracleResult {
  json: unknown;
  /** ansible warned that a source could not be parsed. */
  reportsFailure: boolean;
}

const corpus = (JSON.parse(await readFile(join(FIXTURES, 'corpus.json'), 'utf8')) as { cases: CorpusCase[] })
  .cases;

let work = '';
let corpusDir = '';
let oracleEnv: NodeJS.ProcessEnv = {};
let oracleCwd = '';
const limit = semaphore(ORACLE_CONCURRENCY);

beforeAll(async () => {
  if (!existsSync(ORACLE)) throw new Error(`${ORACLE} is missing: apt-get install ansible-core`);
  work = await makeTempDir('mx-ansible-');
  corpusDir = join(work, 'corpus');
  await cp(FIXTURES, corpusDir, { recursive: true });
  for (const item of corpus) {
    for (const file of item.executable ?? []) await chmod(join(corpusDir, file), 0o755);
    for (const file of item.scriptOutput ?? []) await writeOracleWrapper(join(corpusDir, file));
  }
  oracleCwd = join(work, 'cwd');
  const home = join(work, 'home');
  await mkdir(oracleCwd);
  await mkdir(home);
  await writeFile(join(work, 'ansible.cfg'), '');
  oracleEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    HOME: home,
    ANSIBLE_CONFIG: join(work, 'ansible.cfg'),
    ANSIBLE_HOME: join(home, '.ansible'),
    ANSIBLE_LOCAL_TEMP: join(work, 'tmp'),
    ANSIBLE_INVENTORY_ENABLED: 'host_list,script,auto,yaml,ini,toml',
    ANSIBLE_NOCOLOR: '1',
    PYTHONDONTWRITEBYTECODE: '1',
  };
});

afterAll(async () => {
  if (work) await removeDir(work);
});

describe('the corpus', () => {
  it('has at least 30 cases, and every fixture directory belongs to one', async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    const used = new Set(
      corpus.flatMap((c) => c.sources.filter((s) => !s.includes(',')).map((s) => s.split('/')[0])),
    );
    const dirs = (await readdir(FIXTURES, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory() && entry.name !== 'deviations')
      .map((entry) => entry.name);
    expect(dirs.filter((dir) => !used.has(dir))).toEqual([]);
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
  });
});

describe.concurrent('Muxdeck reads every corpus inventory as ansible-inventory 2.14 does', () => {
  for (const item of corpus) {
    it(`${item.name}: ${item.covers}`, async () => {
      const oracle = await runOracle(oracleSources(item));
      const inventory = await loadAnsibleInventory(
        sourcePaths(item),
        { files: nodeInventoryFileSystem },
        {
          allowScripts: item.allowScripts === true,
          runScript: commandScriptRunner(execFileRunner),
        },
      );
      expect(listJson(inventory)).toEqual(oracle.json);
      // A source ansible could not parse is an error for Muxdeck too, and the other way round.
      const errors = inventory.problems.filter((p) => p.severity === 'error');
      expect(errors.length > 0, JSON.stringify(errors)).toBe(oracle.reportsFailure);
      for (const error of errors) expect(error.file, error.message).toBeTruthy();

      if (item.viaCli) {
        if (!existsSync(BUILT_CLI)) throw new Error('out/main/cli.js is missing: run `npm run build` first');
        const cli = await runCommand(
          process.execPath,
          [BIN, 'inventory', ...sourcePaths(item).flatMap((s) => ['--ansible', s]), '--list'],
          {
            env: {
              ...process.env,
              MUXDECK_LOG: 'quiet',
              ...(item.allowScripts ? { MUXDECK_ANSIBLE_ALLOW_SCRIPTS: '1' } : {}),
            },
            cwd: oracleCwd,
            timeoutMs: 30_000,
          },
        );
        expect(JSON.parse(cli.stdout)).toEqual(oracle.json);
        expect(cli.code, cli.stderr).toBe(oracle.reportsFailure ? 1 : 0);
      }
    });
  }
});

describe('the comparison can fail', () => {
  it('notices when the oracle reads a different inventory (the expectation is computed, not recorded)', async () => {
    const changed = join(work, 'changed.ini');
    const original = join(corpusDir, 'docs-basic-ini/01_docs_basic.ini');
    await writeFile(changed, `${await readFile(original, 'utf8')}\n[extra]\nextra.example.com port=1\n`);
    const oracle = await runOracle([changed]);
    const inventory = await loadAnsibleInventory([original], { files: nodeInventoryFileSystem });
    expect(listJson(inventory)).not.toEqual(oracle.json);
    expect(oracle.json).toMatchObject({ extra: { hosts: ['extra.example.com'] } });
  });

  it('differs from ansible exactly as documented when a file fails half-way: ansible keeps what it read, Muxdeck nothing', async () => {
    const dir = join(corpusDir, 'deviations/partial-file');
    const sources = [join(dir, 'good.ini'), join(dir, 'bad-after-good.ini')];
    const oracle = await runOracle(sources);
    const inventory = await loadAnsibleInventory(sources, { files: nodeInventoryFileSystem });
    const mine = listJson(inventory) as Record<string, { children?: string[] }>;
    const expected = structuredClone(oracle.json) as Record<string, { children?: string[] }>;
    // The lines ansible applied before the error: group `ok` and its host.
    expect(expected.ok).toEqual({ hosts: ['fine.example.com'] });
    delete expected.ok;
    expected.all = { children: (expected.all?.children ?? []).filter((g) => g !== 'ok') };
    expect(mine).toEqual(expected);
    expect(inventory.problems).toMatchObject([{ severity: 'error', line: 5 }]);
  });
});

function sourcePaths(item: CorpusCase): string[] {
  return item.sources.map((source) => (source.includes(',') ? source : join(corpusDir, source)));
}

/** ansible reads script-format JSON only from a script: it gets a wrapper that prints the file. */
function oracleSources(item: CorpusCase): string[] {
  return sourcePaths(item).map((path, i) =>
    item.scriptOutput?.includes(item.sources[i] ?? '') ? wrapperPath(path) : path,
  );
}

function wrapperPath(jsonPath: string): string {
  return `${jsonPath}.oracle.sh`;
}

async function writeOracleWrapper(jsonPath: string): Promise<void> {
  const script = `#!/bin/sh\nif [ "$1" = "--list" ]; then cat '${jsonPath}'; else echo '{}'; fi\n`;
  // Beside the JSON file, so both read the same group_vars/ and host_vars/.
  await writeFile(wrapperPath(jsonPath), script, { mode: 0o755 });
}

async function runOracle(sources: string[]): Promise<OracleResult> {
  const result = await limit(() =>
    runCommand(ORACLE, [...sources.flatMap((source) => ['-i', source]), '--list'], {
      env: oracleEnv,
      cwd: oracleCwd,
      timeoutMs: 60_000,
    }),
  );
  if (result.code !== 0) throw new Error(`ansible-inventory failed (${result.code}): ${result.stderr}`);
  return {
    json: JSON.parse(result.stdout),
    reportsFailure: /Unable to parse|No inventory was parsed/.test(result.stderr),
  };
}

function listJson(inventory: LoadedInventory): unknown {
  return JSON.parse(formatAnsibleListJson(toAnsibleListJson(inventory)));
}

function semaphore(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (active < max) active++;
    else await new Promise<void>((wake) => waiting.push(wake)); // a finishing task hands over its slot
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
