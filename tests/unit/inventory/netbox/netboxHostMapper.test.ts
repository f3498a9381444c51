import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAPPING,
  type NetboxMappingOptions,
} from '../../../../src-main/inventory/netbox/netboxConfig';
import { compileMapping, mapNetboxRecord } from '../../../../src-main/inventory/netbox/netboxHostMapper';
import { readNetboxRecord, type NetboxRecord } from '../../../../src-main/inventory/netbox/netboxRecord';
import { hostNameProblem } from '../../../../src-main/ssh/hostNameValidation';

const SOURCE = 'netbox:lab';

/** A NetBox 4.x device as the API renders it (only the fields the mapper reads). */
function device(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 17,
    name: 'fra1-leaf03',
    display: 'fra1-leaf03',
    display_url: 'https://nb.example.com/dcim/devices/17/',
    status: { value: 'active', label: 'Active' },
    site: { id: 1, name: 'FRA1', slug: 'fra1' },
    role: { id: 3, name: 'Leaf Switch', slug: 'leaf' },
    tenant: null,
    platform: { id: 2, name: 'Arista EOS', slug: 'eos' },
    cluster: null,
    primary_ip: { id: 9, address: '2001:db8:2::1a/64', family: { value: 6, label: 'IPv6' } },
    primary_ip4: { id: 8, address: '10.0.2.19/24', family: { value: 4, label: 'IPv4' } },
    primary_ip6: { id: 9, address: '2001:db8:2::1a/64', family: { value: 6, label: 'IPv6' } },
    tags: [
      { id: 1, name: 'ansible-managed', slug: 'ansible-managed' },
      { id: 4, name: 'Needs Review', slug: 'needs-review' },
    ],
    custom_fields: { ssh_user: null, ssh_port: null },
    config_context: {},
    ...overrides,
  };
}

function map(
  raw: Record<string, unknown>,
  mapping: Partial<NetboxMappingOptions> = {},
  kind: 'device' | 'vm' = 'device',
) {
  const record = readNetboxRecord(kind, raw);
  if (!record) throw new Error('not a record');
  return mapNetboxRecord(record, compileMapping({ ...DEFAULT_MAPPING, ...mapping }), SOURCE);
}

describe('NetBox host mapping', () => {
  it('maps a device: stable id, label, primary IPv4 without CIDR, site/role folders', () => {
    const { host, details } = map(device());
    expect(host).toEqual({
      id: 'netbox:lab:device:17',
      label: 'fra1-leaf03',
      address: '10.0.2.19',
      sourceId: SOURCE,
      groups: ['FRA1', 'Leaf Switch'],
    });
    expect(details).toMatchObject({
      kind: 'device',
      netboxId: 17,
      addressSource: 'primary-ip4',
      status: 'active',
    });
    expect(details.tags).toEqual(['ansible-managed', 'needs-review']);
  });

  it('VMs get vm: ids', () => {
    expect(map(device({ id: 5 }), {}, 'vm').host.id).toBe('netbox:lab:vm:5');
  });

  it('takes the address from the configured sources in order, with fallbacks', () => {
    expect(map(device(), { addressFrom: ['primary-ip6', 'primary-ip4'] }).host.address).toBe(
      '2001:db8:2::1a',
    );
    expect(map(device(), { addressFrom: ['primary-ip'] }).host.address).toBe('2001:db8:2::1a');
    expect(
      map(device({ primary_ip4: null }), { addressFrom: ['primary-ip4', 'primary-ip6'] }).host.address,
    ).toBe('2001:db8:2::1a');
    expect(
      map(device({ primary_ip4: null, primary_ip6: null }), { addressFrom: ['primary-ip4', 'name'] }).host,
    ).toMatchObject({
      address: 'fra1-leaf03',
    });
    expect(
      map(device({ oob_ip: { id: 30, address: '192.168.100.7/24' } }), { addressFrom: ['oob-ip'] }).host
        .address,
    ).toBe('192.168.100.7');
    const dns = device({
      primary_ip4: { id: 8, address: '10.0.2.19/24', dns_name: 'leaf03.fra1.example.net.' },
    });
    expect(map(dns, { addressFrom: ['dns-name', 'primary-ip4'] }).host.address).toBe(
      'leaf03.fra1.example.net',
    );
    expect(
      map(device({ config_context: { ansible_host: '192.0.2.7' } }), {
        addressFrom: ['context:ansible_host'],
      }).host.address,
    ).toBe('192.0.2.7');
  });

  it('keeps a host without any usable address, marked with the reason', () => {
    const { host } = map(device({ primary_ip: null, primary_ip4: null, primary_ip6: null }));
    expect(host.address).toBeUndefined();
    expect(host.problem).toBe('No usable address to connect to. No primary IPv4, no primary IPv6 in NetBox.');
  });

  it('refuses a zero-padded IPv4 and falls back; uses the IPv4 inside an IPv4-mapped IPv6', () => {
    const padded = map(device({ primary_ip4: { id: 1, address: '010.001.002.003/24' } }));
    expect(padded.host.address).toBe('2001:db8:2::1a');
    expect(padded.details.warnings.join(' ')).toMatch(/"010\.001\.002\.003\/24" is not a valid IPv4 address/);
    const onlyPadded = map(
      device({ primary_ip4: { id: 1, address: '010.001.002.003/24' }, primary_ip6: null }),
    );
    expect(onlyPadded.host.problem).toMatch(/not a valid IPv4 address.*No primary IPv6/);
    const mapped = map(
      device({ primary_ip4: null, primary_ip6: { id: 2, address: '::ffff:192.0.2.44/128' } }),
    );
    expect(mapped.host.address).toBe('192.0.2.44');
    expect(mapped.details.warnings.join(' ')).toMatch(/IPv4-mapped/);
  });

  it('turns an internationalised name into its DNS form when the name is the address', () => {
    const { host, details } = map(device({ name: 'müller-sw01', primary_ip4: null, primary_ip6: null }), {
      addressFrom: ['name'],
    });
    expect(host.address).toBe('xn--mller-sw01-9db');
    expect(host.label).toBe('müller-sw01');
    expect(details.warnings.join(' ')).toMatch(/DNS form/);
  });

  it('reads ssh user and port from custom fields first, then the config context', () => {
    const fromCf = map(device({ custom_fields: { ssh_user: 'netops', ssh_port: 2222 } }));
    expect(fromCf.host).toMatchObject({ user: 'netops', port: 2222 });
    const fromContext = map(device({ config_context: { ssh: { user: 'root', port: '22022' } } }));
    expect(fromContext.host).toMatchObject({ user: 'root', port: 22022 });
    const ansibleUser = map(device({ config_context: { ansible_user: 'ubuntu' } }));
    expect(ansibleUser.host.user).toBe('ubuntu');
    const custom = map(device({ custom_fields: { login: 'ops' } }), { userFrom: ['cf:login'], portFrom: [] });
    expect(custom.host).toMatchObject({ user: 'ops' });
    expect(custom.host.port).toBeUndefined();
  });

  it('marks hostile ssh settings as a problem instead of falling through to another source', () => {
    const evil = map(
      device({
        custom_fields: { ssh_user: '-oProxyCommand=sh -c "id>/tmp/x"', ssh_port: 22 },
        config_context: { ssh: { user: 'root;id', port: '22 -oProxyCommand=x' } },
      }),
    );
    expect(evil.host.user).toBeUndefined();
    expect(evil.host.problem).toMatch(
      /Unsafe ssh user in the custom field ssh_user: .* is not a valid ssh user name/,
    );
    const badPort = map(device({ config_context: { ssh: { port: '22 -oProxyCommand=x' } } }));
    expect(badPort.host.port).toBeUndefined();
    expect(badPort.host.problem).toMatch(
      /Unsafe ssh port in the config context ssh\.port: "22 -oProxyCommand=x" is not a TCP port/,
    );
    expect(map(device({ custom_fields: { ssh_port: 70000 } })).host.problem).toMatch(
      /70000 is not a TCP port/,
    );
    expect(
      map(device({ config_context: { ansible_host: '-oProxyCommand=x' } }), {
        addressFrom: ['context:ansible_host'],
      }).host.problem,
    ).toMatch(/No usable address.*not a valid host name/);
  });

  it.each([
    '-oProxyCommand=touch /tmp/pwned',
    '-leading-dash',
    'host;rm -rf ~',
    '$(reboot)',
    '`id`',
    'name with spaces',
    'quote"and\'apostrophe',
    'back\\slash',
    'tab\tname',
    'new\nline',
    '\u202Eevil-rtl',
    'zero\u200Bwidth',
    'ＦＵＬＬＷＩＤＴＨ-vm',
    'x'.repeat(300),
  ])('a hostile name %j never becomes an address; as a label it is escaped and flagged', (name) => {
    const byName = map(device({ name, primary_ip4: null, primary_ip6: null }), { addressFrom: ['name'] });
    expect(byName.host.address).toBeUndefined();
    expect(byName.host.problem).toMatch(/No usable address/);
    const byIp = map(device({ name }));
    expect(byIp.host.address).toBe('10.0.2.19');
    expect(byIp.host.label).not.toMatch(/[\p{Cc}\u200b\u202e]/u);
    expect(byIp.host.label.length).toBeLessThanOrEqual(201);
    expect(byIp.details.warnings.join(' ')).toMatch(/never passed to ssh|invisible or control characters/);
  });

  it('every address it produces passes the ssh host name check', () => {
    const candidates = [
      '10.0.0.1/32',
      '2001:db8::1/128',
      'fe80::1%eth0',
      'host.example.com',
      'a_b.example.com',
    ];
    for (const address of candidates) {
      const { host } = map(device({ primary_ip4: { id: 1, address } }));
      expect(host.address && hostNameProblem(host.address)).toBeUndefined();
    }
  });

  it('labels an unnamed device with what NetBox displays', () => {
    const { host, details } = map(device({ name: null, display: 'Dell PowerEdge R750 (HOSTILE-1)' }));
    expect(host.label).toBe('Dell PowerEdge R750 (HOSTILE-1)');
    expect(details.warnings).toContain(
      'The device has no name in NetBox; shown as "Dell PowerEdge R750 (HOSTILE-1)".',
    );
  });

  it('groups in the chosen order; one folder path per tag; missing values get a "(no …)" folder', () => {
    const { host, details } = map(device(), { groupBy: ['tag', 'site'] });
    expect(details.groupPaths.map((p) => p.map((s) => s.folder))).toEqual([
      ['ansible-managed', 'FRA1'],
      ['Needs Review', 'FRA1'],
    ]);
    expect(host.groups).toEqual(['ansible-managed', 'FRA1']);
    expect(map(device(), { groupBy: ['tenant', 'platform', 'cluster'] }).host.groups).toEqual([
      '(no tenant)',
      'Arista EOS',
      '(no cluster)',
    ]);
    expect(map(device({ tags: [] }), { groupBy: ['tag'] }).host.groups).toEqual(['(no tags)']);
    expect(map(device(), { groupBy: ['status', 'kind'] }).host.groups).toEqual(['active', 'Devices']);
    expect(map(device(), { groupBy: [] }).host.groups).toEqual([]);
    expect(map(device(), { groupBy: ['site', 'role'] }).details.groupPaths[0]?.map((s) => s.key)).toEqual([
      'site_fra1',
      'role_leaf',
    ]);
  });

  it('refuses unknown settings with the list of choices', () => {
    expect(() => compileMapping({ ...DEFAULT_MAPPING, addressFrom: ['primary_ip4'] })).toThrow(
      /Unknown address source "primary_ip4"; use one of: primary-ip4/,
    );
    expect(() => compileMapping({ ...DEFAULT_MAPPING, userFrom: ['name'] })).toThrow(/Unknown user source/);
    expect(() => compileMapping({ ...DEFAULT_MAPPING, groupBy: ['rack' as never] })).toThrow(
      /Cannot group NetBox hosts by "rack"/,
    );
  });
});

describe('reading NetBox objects of every release', () => {
  it('3.x: device_role only, integer IP family, choice status', () => {
    const legacy = device({
      role: undefined,
      device_role: { id: 3, name: 'Leaf Switch', slug: 'leaf' },
      primary_ip4: { id: 8, address: '10.0.2.19/24', family: 4 },
    });
    const { host } = map(legacy);
    expect(host).toMatchObject({ address: '10.0.2.19', groups: ['FRA1', 'Leaf Switch'] });
  });

  it('3.6–3.7: role and device_role both present', () => {
    const both = device({ device_role: { id: 3, name: 'Leaf Switch', slug: 'leaf' } });
    expect(map(both).host.groups).toEqual(['FRA1', 'Leaf Switch']);
  });

  it('≤ 2.8: tags as plain strings, status as a string', () => {
    const old = readNetboxRecord('device', device({ tags: ['a', 'b'], status: 'active' })) as NetboxRecord;
    expect(old.tags.map((t) => t.slug)).toEqual(['a', 'b']);
    expect(old.status).toBe('active');
  });

  it('objects without a numeric id are not records', () => {
    expect(readNetboxRecord('device', { name: 'x' })).toBeUndefined();
    expect(readNetboxRecord('device', null)).toBeUndefined();
    expect(readNetboxRecord('device', [1])).toBeUndefined();
  });

  it('a captured demo.netbox.dev 4.5 page maps completely', () => {
    const page = JSON.parse(
      readFileSync(
        // A copy of ../shared/research/inventory-data/netbox/devices_list_demo_netbox_dev_v4.json.
        resolve(__dirname, '../../../fixtures/netbox/devices_list_demo_netbox_dev_v4.json'),
        'utf8',
      ),
    ) as { results: unknown[] };
    const records = page.results.map((r) => readNetboxRecord('device', r));
    expect(records.every((r) => r !== undefined)).toBe(true);
    const hosts = (records as NetboxRecord[]).map(
      (r) => mapNetboxRecord(r, compileMapping(DEFAULT_MAPPING), SOURCE).host,
    );
    expect(hosts).toHaveLength(50);
    expect(new Set(hosts.map((h) => h.id)).size).toBe(50);
    expect(hosts.every((h) => h.groups.length === 2 && !h.groups.some((g) => g.startsWith('(no ')))).toBe(
      true,
    );
    // This page has no primary IPs: every host is kept, marked.
    expect(hosts.every((h) => h.problem?.startsWith('No usable address'))).toBe(true);
  });
});
