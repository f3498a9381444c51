/**
 * Background sync through the SyncManager, as the app runs it:
 *  1. 50,000 NetBox objects (40,000 devices + 10,000 VMs) from the simulator in its own process:
 *     wall time from "sync now" to the hosts being served (cache written), and peak RSS of this
 *     process (the Muxdeck side only), sampled every 20 ms.
 *  2. A 10,000-host Ansible inventory directory (INI + YAML files, group_vars, host_vars): Muxdeck's
 *     reading through the SyncManager against `ansible-inventory -i DIR --list` on the same input.
 * Prints the numbers and writes tests/bench/results/sources-sync.json.
 *
 *   node --import tsx tests/bench/sourcesSync.bench.ts
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { nodeInventoryFileSystem } from '../../src-main/inventory/ansible/nodeInventoryFileSystem';
import { nodeFileReader } from '../../src-main/platform/nodeFileReader';
import { nodeFileStore } from '../../src-main/platform/nodeFileStore';
import { systemClock } from '../../src-main/platform/systemClock';
import { AnsibleSourceOptions, NetboxSourceOptions } from '../../src-preload/api';
import { ansibleRunner } from '../../src-main/sources/ansibleRunner';
import { netboxRunner } from '../../src-main/sources/netboxRunner';
import type { ManagedSource } from '../../src-main/sources/sourceRunner';
import { fileSyncCache } from '../../src-main/sources/syncCache';
import { SyncManager } from '../../src-main/sources/syncManager';

const SIM = process.env.MUXDECK_NETBOX_SIM ?? resolve(__dirname, '../../../shared/netbox-sim/server.mjs');
const RESULTS = resolve(__dirname, 'results/sources-sync.json');
const logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const run = promisify(execFile);

async function startSim(args: string[]): Promise<{ url: string; token: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [SIM, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const values: Record<string, string> = {};
  for await (const line of createInterface({ input: child.stdout })) {
    const match = /^([A-Z_0-9]+)=(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) values[match[1]] = match[2];
    if (match?.[1] === 'NETBOX_VERSION') break;
  }
  if (!values.NETBOX_URL || !values.NETBOX_TOKEN) throw new Error('the simulator did not start');
  return { url: values.NETBOX_URL, token: values.NETBOX_TOKEN, process: child };
}

function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

/** Runs one sync of a fresh source through the manager and waits until it is served. */
async function syncOnce(dir: string, source: Omit<ManagedSource, 'enabled' | 'intervalMs'>) {
  const manager = new SyncManager({ clock: systemClock, cache: fileSyncCache(dir, nodeFileStore), logger });
  const done = new Promise<void>((resolveDone) =>
    manager.onDidChange(({ hostsChanged }) => {
      const state = manager.runtime(source.id)?.state;
      if (hostsChanged && (state === 'ok' || state === 'stale' || state === 'error')) resolveDone();
    }),
  );
  const started = performance.now();
  await manager.add({ ...source, enabled: true, intervalMs: 0 });
  await done;
  const wallMs = performance.now() - started;
  const runtime = manager.runtime(source.id)!;
  manager.dispose();
  if (runtime.state !== 'ok') throw new Error(`sync failed: ${runtime.error}`);
  return { wallMs, hosts: runtime.hosts.length };
}

async function netbox(work: string) {
  const sim = await startSim(['--devices', '40000', '--vms', '10000', '--seed', '42']);
  try {
    const runs: Array<{ wallMs: number; peakRssMb: number; hosts: number }> = [];
    for (let i = 0; i < 3; i++) {
      global.gc?.();
      const baseRss = process.memoryUsage().rss;
      const sampler = rssSampler();
      const options = NetboxSourceOptions.parse({ url: sim.url, groupBy: ['site', 'role'] });
      const result = await syncOnce(join(work, `nb-cache-${i}`), {
        id: `nb${i}`,
        sourceId: `netbox:nb${i}`,
        kind: 'netbox',
        label: 'bench',
        runner: netboxRunner(`nb${i}`, 'bench', options, () => Promise.resolve(sim.token), {
          files: nodeFileReader,
        }),
      });
      const peak = sampler.stop();
      runs.push({
        wallMs: Math.round(result.wallMs),
        peakRssMb: Math.round(peak / 1e6),
        hosts: result.hosts,
      });
      console.log(
        `netbox 50k: ${result.hosts} hosts in ${Math.round(result.wallMs)} ms, peak RSS ${Math.round(peak / 1e6)} MB (start ${Math.round(baseRss / 1e6)} MB)`,
      );
    }
    return runs;
  } finally {
    sim.process.kill('SIGTERM');
  }
}

/** 10,000 hosts: 20 INI files (no .ini extension: ansible skips those in directories) of 400 hosts (ranges and single lines) + 4 YAML files of 500, group_vars, host_vars. */
async function makeAnsibleDir(dir: string): Promise<number> {
  await mkdir(join(dir, 'group_vars'), { recursive: true });
  await mkdir(join(dir, 'host_vars'), { recursive: true });
  let hosts = 0;
  for (let f = 0; f < 20; f++) {
    const lines: string[] = [`[site${f}_web]`, `web-s${f}-[001:200].example.net`];
    hosts += 200;
    lines.push(`[site${f}_db]`);
    for (let h = 0; h < 200; h++) {
      lines.push(
        `db-s${f}-${h} ansible_host=10.${f}.${h >> 8}.${h & 255} ansible_port=${2200 + (h % 50)} ansible_user=ops`,
      );
      hosts++;
    }
    lines.push(
      `[site${f}:children]`,
      `site${f}_web`,
      `site${f}_db`,
      `[site${f}:vars]`,
      `ntp=ntp${f}.example.net`,
    );
    lines.push('[prod:children]', `site${f}`);
    await writeFile(join(dir, `site${String(f).padStart(2, '0')}`), `${lines.join('\n')}\n`);
    await writeFile(
      join(dir, 'group_vars', `site${f}_db.yml`),
      `ansible_ssh_private_key_file: ~/.ssh/db_${f}\n`,
    );
  }
  for (let f = 0; f < 4; f++) {
    const yaml = [`k8s_${f}:`, '  hosts:'];
    for (let h = 0; h < 500; h++)
      yaml.push(`    k8s-${f}-node-${h}:`, `      ansible_host: 172.16.${f}.${h % 250}`);
    hosts += 500;
    yaml.push(
      '  vars:',
      '    ansible_user: core',
      `    ansible_ssh_common_args: "-o ProxyJump=bastion${f}.example.net"`,
    );
    await writeFile(join(dir, `zz-k8s-${f}.yml`), `${yaml.join('\n')}\n`);
  }
  for (let h = 0; h < 100; h++)
    await writeFile(join(dir, 'host_vars', `db-s0-${h}.yml`), `role_tag: primary${h}\n`);
  return hosts;
}

async function ansible(work: string) {
  const dir = join(work, 'inventory');
  const expected = await makeAnsibleDir(dir);
  const muxdeck: number[] = [];
  const reference: number[] = [];
  let hosts = 0;
  let referenceHosts = 0;
  for (let i = 0; i < 3; i++) {
    const options = AnsibleSourceOptions.parse({ paths: [dir] });
    const result = await syncOnce(join(work, `an-cache-${i}`), {
      id: `an${i}`,
      sourceId: `ansible:an${i}`,
      kind: 'ansible',
      label: 'bench',
      runner: ansibleRunner(`an${i}`, 'bench', options, { files: nodeInventoryFileSystem }),
    });
    muxdeck.push(Math.round(result.wallMs));
    hosts = result.hosts;
    const started = performance.now();
    const { stdout } = await run('ansible-inventory', ['-i', dir, '--list'], {
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, ANSIBLE_INVENTORY_ENABLED: 'host_list,script,auto,yaml,ini,toml' },
    });
    reference.push(Math.round(performance.now() - started));
    referenceHosts = Object.keys(
      (JSON.parse(stdout) as { _meta: { hostvars: object } })._meta.hostvars,
    ).length;
    console.log(
      `ansible 10k: muxdeck ${muxdeck.at(-1)} ms (${hosts} hosts), ansible-inventory ${reference.at(-1)} ms (${referenceHosts} hosts)`,
    );
  }
  if (hosts !== expected || referenceHosts !== expected) {
    throw new Error(
      `host counts differ: generated ${expected}, muxdeck ${hosts}, ansible-inventory ${referenceHosts}`,
    );
  }
  return { hosts, muxdeckMs: muxdeck, ansibleInventoryMs: reference };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'mx-bench-src-'));
  try {
    const nb = await netbox(work);
    const an = await ansible(work);
    const summary = {
      when: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '', node: process.version },
      netbox50k: {
        objects: 50_000,
        note: 'simulator in its own process; 40,000 devices + 10,000 VMs; page size 500, concurrency 4; RSS of the Muxdeck process',
        runs: nb,
        medianWallMs: median(nb.map((r) => r.wallMs)),
        medianPeakRssMb: median(nb.map((r) => r.peakRssMb)),
      },
      ansible10k: {
        ...an,
        medianMuxdeckMs: median(an.muxdeckMs),
        medianAnsibleInventoryMs: median(an.ansibleInventoryMs),
      },
    };
    console.log(JSON.stringify(summary, null, 2));
    mkdirSync(resolve(__dirname, 'results'), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(summary, null, 2)}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
