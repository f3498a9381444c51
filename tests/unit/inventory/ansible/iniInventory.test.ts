import { describe, expect, it } from 'vitest';
import { listMemory, loadMemory } from './helpers';

describe('INI inventories', () => {
  it('puts hosts before the first section and under [all] into ungrouped', async () => {
    const list = await listMemory({
      '/inv/hosts': 'early\n[all]\nfrom-all\n[web]\nweb1\n',
    });
    expect(list.ungrouped).toEqual({ hosts: ['early', 'from-all'] });
    expect(list.all).toEqual({ children: ['ungrouped', 'web'] });
  });

  it('types host-line values with literal_eval and :vars values too', async () => {
    const list = await listMemory({
      '/inv/hosts': '[g]\nh i=42 s="42" q="\'42\'" y=yes l="[1, 2]"\n[g:vars]\nv=True\nw=plain text # kept\n',
    });
    expect(list._meta.hostvars.h).toEqual({
      i: 42,
      s: 42,
      q: '42',
      y: 'yes',
      l: [1, 2],
      v: true,
      w: 'plain text # kept',
    });
  });

  it('accepts :children naming a group declared later in the file', async () => {
    const list = await listMemory({ '/inv/hosts': '[site:children]\nweb\n[web]\nweb1\n' });
    expect(list.site).toEqual({ children: ['web'] });
    expect(list.all).toEqual({ children: ['ungrouped', 'site'] });
  });

  it('accepts :children naming a group from an earlier source, not from a later one', async () => {
    const files = { '/a/one.ini': '[web]\nweb1\n', '/b/two.ini': '[site:children]\nweb\n' };
    expect((await listMemory(files, ['/a/one.ini', '/b/two.ini'])).site).toEqual({ children: ['web'] });
    const reversed = await loadMemory(files, ['/b/two.ini', '/a/one.ini']);
    expect(reversed.problems).toEqual([
      {
        severity: 'error',
        file: '/b/two.ini',
        line: 2,
        message: 'Section [site:children] includes undefined group: web',
        quotesFile: true,
      },
    ]);
  });

  it('rejects [g:vars] for a group never declared, naming the section line', async () => {
    const inventory = await loadMemory({ '/inv/hosts': '[web]\nweb1\n\n[db:vars]\nport=5432\n' });
    expect(inventory.problems).toMatchObject([
      { file: '/inv/hosts', line: 4, message: 'Section [db:vars] not valid for undefined group: db' },
    ]);
    expect([...inventory.model.hosts.keys()]).toEqual([]);
  });

  it('keeps the first port a host was given; a later one needs ansible_port', async () => {
    const list = await listMemory({ '/inv/hosts': '[a]\nh:2201\n[b]\nh:2299\n' });
    expect(list._meta.hostvars.h).toEqual({ ansible_port: 2201 });
  });

  it('gives a host line’s vars to the group when the host is named like it', async () => {
    const list = await listMemory({ '/inv/hosts': '[web]\nweb role=x\nother\n' });
    expect(list._meta.hostvars).toEqual({ web: { role: 'x' }, other: { role: 'x' } });
  });

  it('moves a host out of ungrouped once it is in a group', async () => {
    const list = await listMemory({ '/inv/hosts': 'h1\nh2\n[web]\nh1\n' });
    expect(list.ungrouped).toEqual({ hosts: ['h2'] });
  });
});
