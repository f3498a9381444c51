import { describe, expect, it } from 'vitest';
import { expandHostPattern, parseAddress } from '../../../../src-main/inventory/ansible/hostPattern';

describe('host entries (parse_address + ranges)', () => {
  it('reads a port after a name, an IPv4 address, and a bracketed IPv6 address', () => {
    expect(expandHostPattern('web1:2222')).toEqual({ hostnames: ['web1'], port: 2222n });
    expect(expandHostPattern('10.0.0.5:2200')).toEqual({ hostnames: ['10.0.0.5'], port: 2200n });
    expect(expandHostPattern('[2001:db8::10]:2201')).toEqual({ hostnames: ['2001:db8::10'], port: 2201n });
  });

  it('takes a bare IPv6 address as a name, not as host:port', () => {
    expect(expandHostPattern('2001:db8::11')).toEqual({ hostnames: ['2001:db8::11'] });
    expect(expandHostPattern('::1')).toEqual({ hostnames: ['::1'] });
  });

  it('keeps the whole text, port included, when it is not a recognisable address', () => {
    expect(expandHostPattern('web-:22')).toEqual({ hostnames: ['web-:22'] });
    expect(parseAddress('some..host')).toBeUndefined();
    expect(parseAddress('[example.com]')).toBeUndefined();
  });

  it('accepts what ansible’s unanchored IPv6 alternatives accept (a zone index after the prefix)', () => {
    expect(parseAddress('[fe80::1%eth0]:22')).toEqual({ host: 'fe80::1%eth0', port: 22n });
  });

  it('applies the second port form inside the first, as ansible does', () => {
    expect(parseAddress('[10.0.0.1:22]:2222')).toEqual({ host: '10.0.0.1', port: 22n });
  });

  it('expands ranges in names with ports, and in IPv4 octets', () => {
    expect(expandHostPattern('app[1:2].example.com:2222')).toEqual({
      hostnames: ['app1.example.com', 'app2.example.com'],
      port: 2222n,
    });
    expect(expandHostPattern('10.0.[0:1].1').hostnames).toEqual(['10.0.0.1', '10.0.1.1']);
  });
});
