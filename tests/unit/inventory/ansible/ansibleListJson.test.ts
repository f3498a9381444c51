import { describe, expect, it } from 'vitest';
import { formatAnsibleListJson } from '../../../../src-main/inventory/ansible/ansibleListJson';
import { listMemory } from './helpers';

describe('the --list JSON', () => {
  it('prints like ansible-inventory: sorted keys, four-space indent, integers of any size', () => {
    const text = formatAnsibleListJson({ b: [1, 123456789012345678901234567890n], a: {}, c: [] });
    expect(text).toBe(
      '{\n    "a": {},\n    "b": [\n        1,\n        123456789012345678901234567890\n    ],\n    "c": []\n}',
    );
  });

  it('drops empty groups but keeps them in their parent’s children; all never lists hosts', async () => {
    const list = await listMemory({ '/inv/hosts.yml': 'all:\n  hosts:\n    h:\n  children:\n    empty:\n' });
    expect(list).toEqual({
      _meta: { hostvars: {} },
      all: { children: ['ungrouped', 'empty'] },
      ungrouped: { hosts: ['h'] },
    });
  });

  it('prints NaN and infinities as null (JSON has neither; ansible prints invalid JSON there)', async () => {
    const list = await listMemory({
      '/inv/hosts.yml': 'g:\n  hosts:\n    h:\n      a: .inf\n      b: .nan\n',
    });
    expect(list._meta.hostvars.h).toEqual({ a: null, b: null });
  });
});
