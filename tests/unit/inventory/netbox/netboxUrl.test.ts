import { describe, expect, it } from 'vitest';
import { apiUrl, parseNetboxUrl } from '../../../../src-main/inventory/netbox/netboxUrl';

describe('NetBox URL', () => {
  it('accepts the web address, the API root or a list URL, and keeps a path prefix', () => {
    expect(parseNetboxUrl('https://netbox.example.com').base).toBe('https://netbox.example.com');
    expect(parseNetboxUrl(' https://netbox.example.com/ ').base).toBe('https://netbox.example.com');
    expect(parseNetboxUrl('https://netbox.example.com/api/').base).toBe('https://netbox.example.com');
    expect(parseNetboxUrl('https://netbox.example.com/api/dcim/devices/').base).toBe(
      'https://netbox.example.com',
    );
    expect(parseNetboxUrl('http://10.0.0.5:8000/netbox/').base).toBe('http://10.0.0.5:8000/netbox');
    expect(parseNetboxUrl('https://[2001:db8::1]:8443').host).toBe('[2001:db8::1]:8443');
  });

  it.each([
    ['', /is empty/],
    ['netbox.example.com', /no scheme; did you mean https:\/\/netbox\.example\.com/],
    ['ftp://netbox.example.com', /scheme must be https \(or http\), not ftp/],
    ['https://', /not a valid URL/],
    ['https://netbox.example.com/?site=fra1', /query or fragment/],
    ['https://netbox.example.com/#x', /query or fragment/],
  ])('refuses %j with a reason', (input, reason) => {
    expect(() => parseNetboxUrl(input)).toThrow(reason);
  });

  it('never repeats credentials or a query in its message (they may be secrets)', () => {
    const messages = [
      'https://admin:hunter2secret@netbox.example.com',
      'https://netbox.example.com/?token=0123456789abcdef0123',
      'admin:hunter2secret@netbox.example.com',
    ].map((input) => {
      try {
        parseNetboxUrl(input);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    });
    expect(messages[0]).toMatch(/user name or password/);
    for (const message of messages) {
      expect(message).not.toMatch(/hunter2secret|0123456789abcdef0123/);
      expect(message).not.toBe('');
    }
  });

  it('builds list URLs with repeated parameters in order', () => {
    const base = parseNetboxUrl('https://nb.example.com/netbox');
    expect(
      apiUrl(base, '/api/dcim/devices/', [
        ['status', 'active'],
        ['status', 'planned'],
        ['name__ic', 'a b&c'],
      ]),
    ).toBe('https://nb.example.com/netbox/api/dcim/devices/?status=active&status=planned&name__ic=a+b%26c');
  });
});
