import { describe, expect, it } from 'vitest';
import {
  ansibleInventoryText,
  toAnsibleInventory,
} from '../../../../src-main/inventory/netbox/netboxAnsibleList';
import { DEFAULT_MAPPING, type GroupLevel } from '../../../../src-main/inventory/netbox/netboxConfig';
import { compileMapping, mapNetboxRecord } from '../../../../src-main/inventory/netbox/netboxHostMapper';
import { readNetboxRecord, type NetboxRecord } from '../../../../src-main/inventory/netbox/netboxRecord';

function host(
  id: number,
  name: string | null,
  site: string | null,
  role: string,
  extra: Record<string, unknown> = {},
  kind: 'device' | 'vm' = 'device',
  groupBy: GroupLevel[] = ['site', 'role'],
) {
  const record = readNetboxRecord(kind, {
    id,
    name,
    display: name ?? `Dell R750 (${id})`,
    status: { value: 'active' },
    site: site ? { id: 1, name: site.toUpperCase(), slug: site } : null,
    role: { id: 2, name: role, slug: role.toLowerCase().replace(/ /g, '-') },
    primary_ip4: { id: id + 100, address: `10.0.0.${id}/24` },
    custom_fields: { ssh_user: 'ops', ssh_port: null, owner_team: null },
    tags: [{ name: 'Backup', slug: 'backup' }],
    ...extra,
  }) as NetboxRecord;
  return mapNetboxRecord(record, compileMapping({ ...DEFAULT_MAPPING, groupBy }), 'netbox:lab');
}

describe('NetBox hosts as ansible-inventory --list', () => {
  it('nests folders as qualified groups and lists hosts under their leaf group', () => {
    const inventory = toAnsibleInventory([
      host(1, 'fra1-leaf01', 'fra1', 'Leaf'),
      host(2, 'fra1-leaf02', 'fra1', 'Leaf'),
      host(3, 'ams1-leaf01', 'ams1', 'Leaf'),
      host(4, 'web-01', null, 'App Server', {}, 'vm'),
    ]);
    expect(inventory.all).toEqual({ children: ['ungrouped', 'site__none', 'site_ams1', 'site_fra1'] });
    expect(inventory.site_fra1).toEqual({ children: ['site_fra1__role_leaf'] });
    expect(inventory.site_fra1__role_leaf).toEqual({ hosts: ['fra1-leaf01', 'fra1-leaf02'] });
    expect(inventory.site_ams1__role_leaf).toEqual({ hosts: ['ams1-leaf01'] });
    expect(inventory.site__none__role_app_server).toEqual({ hosts: ['web-01'] });
    expect(inventory.ungrouped).toBeUndefined();
    expect(inventory._meta.hostvars['fra1-leaf01']).toEqual({
      ansible_host: '10.0.0.1',
      ansible_user: 'ops',
      muxdeck_address_source: 'primary-ip4',
      muxdeck_id: 'netbox:lab:device:1',
      netbox_custom_fields: { ssh_user: 'ops' },
      netbox_id: 1,
      netbox_kind: 'device',
      netbox_primary_ip4: '10.0.0.1/24',
      netbox_role: 'leaf',
      netbox_site: 'fra1',
      netbox_status: 'active',
      netbox_tags: ['backup'],
    });
    expect(inventory._meta.hostvars['web-01']).toMatchObject({
      netbox_kind: 'virtual_machine',
      muxdeck_id: 'netbox:lab:vm:4',
    });
  });

  it('puts hosts without folders in ungrouped, and a host with two tags in both tag groups', () => {
    const flat = toAnsibleInventory([host(1, 'a', 'fra1', 'Leaf', {}, 'device', [])]);
    expect(flat.ungrouped).toEqual({ hosts: ['a'] });
    const tagged = toAnsibleInventory([
      host(
        1,
        'a',
        'fra1',
        'Leaf',
        {
          tags: [
            { name: 'Backup', slug: 'backup' },
            { name: 'PCI', slug: 'pci' },
          ],
        },
        'device',
        ['tag'],
      ),
    ]);
    expect(tagged.tag_backup).toEqual({ hosts: ['a'] });
    expect(tagged.tag_pci).toEqual({ hosts: ['a'] });
  });

  it('keeps inventory names unique (duplicate and missing NetBox names) and survives "__proto__"', () => {
    const inventory = toAnsibleInventory([
      host(7, 'dup-name', 'fra1', 'Leaf'),
      host(3, 'dup-name', 'ams1', 'Leaf'),
      host(9, null, 'fra1', 'Leaf'),
      host(10, '__proto__', 'fra1', 'Leaf'),
    ]);
    expect(Object.keys(inventory._meta.hostvars).sort()).toEqual([
      'Dell R750 (9)',
      '__proto__',
      'dup-name',
      'dup-name (device 7)',
    ]);
    expect(inventory.site_ams1__role_leaf).toEqual({ hosts: ['dup-name'] });
    expect(inventory._meta.hostvars.__proto__).toMatchObject({ netbox_id: 10 });
  });

  it('reports problems as muxdeck_problem and leaves ansible_host out', () => {
    const inventory = toAnsibleInventory([host(1, 'pdu', 'fra1', 'PDU', { primary_ip4: null })]);
    expect(inventory._meta.hostvars.pdu?.ansible_host).toBeUndefined();
    expect(inventory._meta.hostvars.pdu?.muxdeck_problem).toMatch(/No usable address/);
  });

  it('prints sorted keys with four-space indentation, as ansible-inventory does', () => {
    const text = ansibleInventoryText(toAnsibleInventory([host(1, 'b', 'fra1', 'Leaf')]));
    expect(
      text.startsWith(
        '{\n    "_meta": {\n        "hostvars": {\n            "b": {\n                "ansible_host"',
      ),
    ).toBe(true);
    const keys = Object.keys(JSON.parse(text) as object);
    expect(keys).toEqual([...keys].sort());
  });
});
