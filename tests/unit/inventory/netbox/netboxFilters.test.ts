import { describe, expect, it } from 'vitest';
import {
  filtersFor,
  filtersFromSettings,
  isKnownFilter,
  parseFilterArg,
  translateForVersion,
} from '../../../../src-main/inventory/netbox/netboxFilters';

describe('NetBox filters', () => {
  it('turns named filters and free-form k=v into query parameters, scoped per list', () => {
    const filters = filtersFromSettings({
      site: ['fra1', 'ams1'],
      role: ['leaf'],
      tenant: ['acme-corp'],
      tag: ['backup', 'monitoring'],
      status: ['active'],
      platform: ['eos'],
      query: ['name__ic=leaf', 'device:rack_id=3', 'vm:cluster=fra1-vsphere-01', 'q=a=b'],
    });
    expect(filtersFor(filters, 'device')).toEqual([
      ['site', 'fra1'],
      ['site', 'ams1'],
      ['role', 'leaf'],
      ['tenant', 'acme-corp'],
      ['tag', 'backup'],
      ['tag', 'monitoring'],
      ['status', 'active'],
      ['platform', 'eos'],
      ['name__ic', 'leaf'],
      ['rack_id', '3'],
      ['q', 'a=b'],
    ]);
    expect(filtersFor(filters, 'vm')).toContainEqual(['cluster', 'fra1-vsphere-01']);
    expect(filtersFor(filters, 'vm')).not.toContainEqual(['rack_id', '3']);
  });

  it.each([
    ['site', /not of the form key=value/],
    ['=fra1', /invalid name/],
    ['si te=fra1', /invalid name/],
    ['limit=5', /Muxdeck sets "limit" itself/],
    ['offset=5', /Muxdeck sets "offset" itself/],
    ['ordering=-name', /Muxdeck sets "ordering" itself/],
    ['brief=1', /Muxdeck sets "brief" itself/],
    ['fields=id', /Muxdeck sets "fields" itself/],
    ['site=', /has no value/],
  ])('refuses %j', (text, reason) => {
    expect(() => parseFilterArg(text)).toThrow(reason);
  });

  it('knows the common filter names, their lookups and custom fields', () => {
    expect(isKnownFilter('site', 'device')).toBe(true);
    expect(isKnownFilter('name__ic', 'vm')).toBe(true);
    expect(isKnownFilter('tag__n', 'device')).toBe(true);
    expect(isKnownFilter('cf_environment', 'device')).toBe(true);
    expect(isKnownFilter('rack_id', 'device')).toBe(true);
    expect(isKnownFilter('rack_id', 'vm')).toBe(false);
    expect(isKnownFilter('stauts', 'device')).toBe(false);
    expect(isKnownFilter('name__bogus', 'device')).toBe(false);
    expect(isKnownFilter('device_role', 'device')).toBe(false);
  });

  it('renames the 3.x device_role filter for NetBox 4, and leaves 3.x alone', () => {
    const filters = [parseFilterArg('device_role=leaf'), parseFilterArg('device_role_id__n=4')];
    const v4 = translateForVersion(filters, 4);
    expect(v4.filters.map((f) => f.key)).toEqual(['role', 'role_id__n']);
    expect(v4.notes[0]).toMatch(/"device_role" is named "role" since NetBox 4/);
    expect(translateForVersion(filters, 3).filters.map((f) => f.key)).toEqual([
      'device_role',
      'device_role_id__n',
    ]);
  });
});
