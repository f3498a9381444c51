import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../../src-main/inventory/ansible/inventoryProblem';
import { loadMemory } from './helpers';

describe('a malformed file gives an error naming file and line, and loses nothing else', () => {
  it.each([
    ['/inv/bad.ini', '[ok]\nh1\n[bad section]\n', 3, /Invalid section entry/],
    ['/inv/bad.ini', '[g]\nh1 novalue\n', 2, /Expected key=value host variable assignment, got: novalue/],
    ['/inv/bad.ini', '[g]\nh1 x="open\n', 2, /No closing quotation/],
    ['/inv/bad.ini', '[g:weird]\n', 1, /unknown type: weird/],
    ['/inv/bad.ini', '[g:children]\na b\n', 2, /Expected group name/],
    ['/inv/bad.ini', '[g:vars]\nnoequals\n', 2, /Expected key=value/],
    ['/inv/bad.ini', '[g]\nhost:\n', 2, /ending in ':'/],
    ['/inv/bad.ini', '[g]\nh[1:2:x]\n', 2, /host range/],
    ['/inv/bad.yml', 'web:\n  hosts:\n    w1:\n      key: [unclosed\n', 5, /YAML/],
    ['/inv/bad.yml', 'web:\n  hosts: [a, b]\n', 2, /Invalid "hosts" entry/],
    ['/inv/bad.yml', 'web:\n  hosts:\n    w1: [1]\n', 3, /expected dictionary/],
    ['/inv/bad.yml', 'web:\n  hosts:\n    w1:\n  children:\n    w2: !!int abc\n', 5, /invalid literal/],
  ])('%s: %j', async (file, text, line, message) => {
    const inventory = await loadMemory({ [file]: text, '/inv/good.ini': '[fine]\ngood1\n' });
    expect(inventory.problems).toHaveLength(1);
    expect(inventory.problems[0]).toMatchObject({
      severity: 'error',
      file,
      line,
      message: expect.stringMatching(message),
    });
    expect(formatProblem(inventory.problems[0] ?? { severity: 'error', message: '' })).toMatch(
      new RegExp(`^error: ${file.replace(/\./g, '\\.')}:${line}: `),
    );
    expect([...inventory.model.hosts.keys()]).toEqual(['good1']);
    expect([...inventory.model.groups.keys()]).toEqual(['all', 'ungrouped', 'fine']);
  });

  it('reports a missing source and goes on', async () => {
    const inventory = await loadMemory({ '/inv/good.ini': '[fine]\ngood1\n' }, [
      '/nope/hosts',
      '/inv/good.ini',
    ]);
    expect(inventory.problems).toEqual([
      { severity: 'error', file: '/nope/hosts', message: 'no such file or directory' },
    ]);
    expect([...inventory.model.hosts.keys()]).toEqual(['good1']);
  });
});
