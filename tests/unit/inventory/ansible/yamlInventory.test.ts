import { describe, expect, it } from 'vitest';
import { loadYamlDocument } from '../../../../src-main/inventory/ansible/yamlLoader';
import {
  TimestampValue,
  UnsafeValue,
  VaultValue,
} from '../../../../src-main/inventory/ansible/inventoryValue';
import { listMemory, loadMemory } from './helpers';

const scalar = (text: string) => (loadYamlDocument(`v: ${text}\n`).value as Map<string, unknown>).get('v');

describe('YAML as PyYAML 1.1 reads it', () => {
  it.each([
    ['yes', true],
    ['No', false],
    ['on', true],
    ['OFF', false],
    ['y', 'y'],
    ['n', 'n'],
    ['"yes"', 'yes'],
    ['0755', 493],
    ['0789', '0789'],
    ['1:30', 90],
    ['0x1F', 31],
    ['0b101', 5],
    ['1_000', 1000],
    ['1.5e+3', 1500],
    ['1e3', '1e3'],
    ['~', null],
    ['Null', null],
    ['', null],
    ['!!str 42', '42'],
    ['!!int "42"', 42],
  ])('%s', (text, value) => {
    expect(scalar(text)).toEqual(value);
  });

  it('reads timestamps as ansible prints them (isoformat)', () => {
    expect(scalar('2024-02-29')).toEqual(new TimestampValue('2024-02-29'));
    expect(scalar('2001-12-14t21:59:43.10-05:00')).toEqual(
      new TimestampValue('2001-12-14T21:59:43.100000-05:00'),
    );
    expect(scalar('2001-12-14 21:59:43Z')).toEqual(new TimestampValue('2001-12-14T21:59:43+00:00'));
  });

  it('keeps !vault values opaque and !unsafe values as written', () => {
    const doc = loadYamlDocument(
      'a: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\nb: !unsafe "{{ x }}"\nc: !unsafe [1, y]\n',
    );
    const value = doc.value as Map<string, unknown>;
    expect(value.get('a')).toEqual(new VaultValue('$ANSIBLE_VAULT;1.1;AES256\n6162\n'));
    expect(value.get('b')).toEqual(new UnsafeValue('{{ x }}'));
    expect(value.get('c')).toEqual([1, new UnsafeValue('y')]);
  });

  it('merges << keys: own keys win, then the first mapping listed', () => {
    const doc = loadYamlDocument('d: &d {a: 1, b: 1}\ne: &e {b: 2, c: 2}\nx:\n  <<: [*d, *e]\n  a: own\n');
    expect((doc.value as Map<string, Map<string, unknown>>).get('x')).toEqual(
      new Map<string, unknown>([
        ['b', 1],
        ['c', 2],
        ['a', 'own'],
      ]),
    );
  });

  it('keeps the last of duplicate keys, as PyYAML does', () => {
    expect(scalar('1\nv: 2')).toBe(2);
  });

  it('refuses a second document and names its line', () => {
    expect(() => loadYamlDocument('a: 1\n---\nb: 2\n')).toThrow(/single document/);
  });

  it('bounds alias expansion (billion laughs) and refuses recursive aliases', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    expect(() => loadYamlDocument(lines.join('\n'))).toThrow(/aliases expand to more than/);
    expect(() => loadYamlDocument('a: &a [*a]\n')).toThrow();
  });

  it('bounds nesting depth', () => {
    const deep = '['.repeat(400) + ']'.repeat(400);
    expect(() => loadYamlDocument(`a: ${deep}\n`)).toThrow(/deeper than/);
  });
});

describe('YAML inventories', () => {
  it('reads hosts given as a string, null groups and all.hosts', async () => {
    const list = await listMemory({
      '/inv/hosts.yml': 'all:\n  hosts:\n    solo:\n  children:\n    web:\n      hosts: web1\n    empty:\n',
    });
    expect(list.web).toEqual({ hosts: ['web1'] });
    expect(list.ungrouped).toEqual({ hosts: ['solo'] });
    expect(list.all).toEqual({ children: ['ungrouped', 'web', 'empty'] });
  });

  it('warns about keys it skips, naming their lines', async () => {
    const inventory = await loadMemory({ '/inv/hosts.yml': 'web:\n  host: typo\n  hosts:\n    web1:\n' });
    expect(inventory.problems).toEqual([
      {
        severity: 'warning',
        file: '/inv/hosts.yml',
        line: 2,
        message: 'Skipping key (host) in group (web) as it is not a mapping, it is a str',
        quotesFile: true,
      },
    ]);
  });

  it('fails a file whose host key is not a string, naming the line', async () => {
    const inventory = await loadMemory({ '/inv/hosts.yml': 'web:\n  hosts:\n    web1:\n    1234:\n' });
    expect(inventory.problems).toMatchObject([
      {
        severity: 'error',
        file: '/inv/hosts.yml',
        line: 4,
        message: expect.stringContaining('must be a string'),
      },
    ]);
    expect(inventory.model.hosts.size).toBe(0);
  });

  it('reports a plugin configuration instead of reading it', async () => {
    const inventory = await loadMemory({
      '/inv/aws_ec2.yml': 'plugin: amazon.aws.aws_ec2\nregions: [eu-west-1]\n',
    });
    expect(inventory.problems).toMatchObject([
      { severity: 'error', message: expect.stringContaining('plugin configuration') },
    ]);
  });
});
