import { describe, expect, it } from 'vitest';
import { expandHostRange, HostRangeError } from '../../../../src-main/inventory/ansible/hostRange';

describe('host ranges, as ansible expands them', () => {
  it('keeps the width of zero-padded bounds and honours a step', () => {
    expect(expandHostRange('web[01:12:3].example.com')).toEqual([
      'web01.example.com',
      'web04.example.com',
      'web07.example.com',
      'web10.example.com',
    ]);
  });

  it('expands letters, including a range across cases, and a stepped letter range', () => {
    expect(expandHostRange('db-[a:f]')).toEqual(['db-a', 'db-b', 'db-c', 'db-d', 'db-e', 'db-f']);
    expect(expandHostRange('x[y:B]')).toEqual(['xy', 'xz', 'xA', 'xB']);
    expect(expandHostRange('x[a:e:2]')).toEqual(['xa', 'xc', 'xe']);
  });

  it('multiplies several ranges, outer range first', () => {
    expect(expandHostRange('rack[1:2]-srv[1:2]')).toEqual([
      'rack1-srv1',
      'rack1-srv2',
      'rack2-srv1',
      'rack2-srv2',
    ]);
  });

  it('reproduces the odd ones: empty begin, begin after end, negative step', () => {
    expect(expandHostRange('n[:2]')).toEqual(['n0', 'n1', 'n2']);
    expect(expandHostRange('never[5:1]')).toEqual([]);
    expect(expandHostRange('down[10:1:-3]')).toEqual(['down10', 'down7', 'down4']);
    expect(expandHostRange('[7:9]')).toEqual(['7', '8', '9']);
  });

  it('rejects malformed ranges with ansible’s messages', () => {
    expect(() => expandHostRange('x[1]')).toThrow('host range must be begin:end or begin:end:step');
    expect(() => expandHostRange('x[1:]')).toThrow('host range must specify end value');
    expect(() => expandHostRange('x[01:1]')).toThrow('equal-length begin and end');
    expect(() => expandHostRange('x[c:a]')).toThrow('begin <= end');
    expect(() => expandHostRange('x[1:3')).toThrow(HostRangeError);
    expect(() => expandHostRange('x[1:3:0]')).toThrow(HostRangeError);
    expect(() => expandHostRange('x[a:c:x]')).toThrow(HostRangeError);
  });

  it('bounds a huge range with a clear error, without expanding it first', () => {
    const started = performance.now();
    expect(() => expandHostRange('h[1:99999999999999]')).toThrow(/at most 100000/);
    expect(() => expandHostRange('h[1:400]-[1:400]')).toThrow(/more than 100000 hosts/);
    expect(() => expandHostRange('h[1:3]-[1:3]', 5)).toThrow(/more than 5 hosts/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
