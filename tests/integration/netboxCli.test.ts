/**
 * `muxdeck inventory --netbox URL --list` from the build (out/, made by `npm test`'s build
 * step), as a user runs it, against the NetBox simulator.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../helpers/runCommand';
import { startSim, type NetboxSim } from './netboxSimHarness';

const BIN = resolve(__dirname, '../../bin/muxdeck.mjs');

let sim: NetboxSim;
let tlsSim: NetboxSim;
beforeAll(async () => {
  [sim, tlsSim] = await Promise.all([
    startSim({ devices: 80, vms: 40, seed: 71, hostile: true }),
    startSim({ devices: 10, vms: 5, seed: 72, tls: true, version: '4.2' }),
  ]);
});
afterAll(async () => {
  await Promise.all([sim.close(), tlsSim.close()]);
});

function muxdeck(args: string[], token: string | undefined) {
  const env: NodeJS.ProcessEnv = { ...process.env, MUXDECK_LOG: 'quiet' };
  delete env.MUXDECK_NETBOX_TOKEN;
  if (token !== undefined) env.MUXDECK_NETBOX_TOKEN = token;
  return runCommand(process.execPath, [BIN, 'inventory', ...args], { env, timeoutMs: 30_000 });
}

interface Inventory {
  _meta: { hostvars: Record<string, Record<string, unknown>> };
  all: { children: string[] };
  [group: string]: unknown;
}

describe('muxdeck inventory --netbox (built CLI)', () => {
  it('prints every host in the shape of ansible-inventory --list', async () => {
    const { code, stdout, stderr } = await muxdeck(['--netbox', sim.url, '--list'], sim.tokenV2);
    expect(stderr).toMatch(
      /\d+ devices and \d+ VMs from NetBox 4\.5\.10 in [\d.]+ s \(\d+ requests\); \d+ hosts cannot be connected to/,
    );
    expect(code).toBe(0);
    const inventory = JSON.parse(stdout) as Inventory;
    const hostvars = inventory._meta.hostvars;
    const devices = Object.values(hostvars).filter((v) => v.netbox_kind === 'device');
    const vms = Object.values(hostvars).filter((v) => v.netbox_kind === 'virtual_machine');
    expect(devices.length).toBeGreaterThan(80);
    expect(vms.length).toBeGreaterThan(40);
    expect(inventory.all.children[0]).toBe('ungrouped');
    expect(inventory.all.children).toContain('site_fra1');
    expect(inventory.site_fra1).toMatchObject({ children: expect.arrayContaining(['site_fra1__role_leaf']) });
    const leaf = inventory.site_fra1__role_leaf as { hosts: string[] };
    expect(leaf.hosts.length).toBeGreaterThan(0);
    const first = hostvars[leaf.hosts[0] ?? ''];
    expect(first).toMatchObject({ netbox_site: 'fra1', netbox_role: 'leaf', netbox_kind: 'device' });
    expect(first?.ansible_host).toMatch(/^[\d.]+$|:/);
    expect(hostvars['evil-ssh-settings']?.muxdeck_problem).toMatch(/Unsafe ssh user/);
    expect(hostvars['evil-ssh-settings']?.ansible_user).toBeUndefined();
    expect(hostvars['-oProxyCommand=touch /tmp/pwned']?.muxdeck_warnings).toEqual([
      expect.stringMatching(/never passed to ssh/),
    ]);
    expect(stdout).not.toContain(sim.tokenV2);
  });

  it('applies filters, kind and grouping flags', async () => {
    const { code, stdout } = await muxdeck(
      ['--netbox', sim.url, '--netbox-filter', 'site=fra1', '--netbox-filter', 'status=active', '--netbox-kind', 'devices',
        '--netbox-group-by', 'role', '--netbox-concurrency', '2', '--netbox-page-size', '25', '--list'], // prettier-ignore
      sim.token,
    );
    expect(code).toBe(0);
    const inventory = JSON.parse(stdout) as Inventory;
    const hosts = Object.values(inventory._meta.hostvars);
    expect(hosts.length).toBeGreaterThan(5);
    expect(
      hosts.every(
        (h) => h.netbox_site === 'fra1' && h.netbox_status === 'active' && h.netbox_kind === 'device',
      ),
    ).toBe(true);
    expect(inventory.all.children.slice(1).every((g) => g.startsWith('role_'))).toBe(true);
  });

  it('without a token it says how to give one', async () => {
    const { code, stdout, stderr } = await muxdeck(['--netbox', sim.url, '--list'], undefined);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('muxdeck inventory: no NetBox API token. Set MUXDECK_NETBOX_TOKEN');
    expect(stderr).toContain(`MUXDECK_NETBOX_TOKEN=<token> npx muxdeck inventory --netbox ${sim.url} --list`);
  });

  it('a refused token: exit 1, the reason, and no token anywhere', async () => {
    const bad = 'abcdefabcdefabcdefabcdefabcdefabcdefabcd';
    const { code, stdout, stderr } = await muxdeck(['--netbox', sim.url, '--list'], bad);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^muxdeck inventory: NetBox refused the API token \(403: Invalid v1 token\)\. Check the token/,
    );
    expect(stderr).not.toContain(bad);
  });

  it('bad flags are usage errors', async () => {
    const kind = await muxdeck(['--netbox', sim.url, '--netbox-kind', 'routers', '--list'], sim.token);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('--netbox-kind must be devices, vms or both, not "routers".');
    const url = await muxdeck(['--netbox', 'netbox.example.com', '--list'], sim.token);
    expect(url.code).toBe(2);
    expect(url.stderr).toContain('did you mean https://netbox.example.com ?');
    const filter = await muxdeck(['--netbox', sim.url, '--netbox-filter', 'limit=5', '--list'], sim.token);
    expect(filter.stderr).toContain('Muxdeck sets "limit" itself');
  });

  it('TLS: --netbox-ca verifies, no CA fails clearly, --netbox-insecure works with a warning', async () => {
    const withCa = await muxdeck(
      ['--netbox', tlsSim.url, '--netbox-ca', tlsSim.caPath ?? '', '--list'],
      tlsSim.token,
    );
    expect(withCa.code).toBe(0);
    expect(Object.keys((JSON.parse(withCa.stdout) as Inventory)._meta.hostvars)).toHaveLength(15);
    const without = await muxdeck(['--netbox', tlsSim.url, '--list'], tlsSim.token);
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/unknown certificate authority/);
    const insecure = await muxdeck(['--netbox', tlsSim.url, '--netbox-insecure', '--list'], tlsSim.token);
    expect(insecure.code).toBe(0);
    expect(insecure.stderr).toContain('WARNING: TLS certificate verification is off');
  });

  it('documents the NetBox flags in its usage', async () => {
    const { code, stdout } = await muxdeck(['--help'], undefined);
    expect(code).toBe(0);
    for (const flag of [
      '--netbox-filter',
      '--netbox-kind',
      '--netbox-group-by',
      '--netbox-ca',
      '--netbox-insecure',
    ]) {
      expect(stdout).toContain(flag);
    }
  });
});
