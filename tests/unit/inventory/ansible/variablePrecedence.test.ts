import { describe, expect, it } from 'vitest';
import { listMemory } from './helpers';

describe('variable precedence (VariableManager.get_vars, lowest first)', () => {
  const inventory = [
    '[parent:children]',
    'child',
    '[child]',
    'h1 level=host_inline',
    'h2',
    '[alpha]',
    'h2',
    '[zulu]',
    'h2',
    '[prio]',
    'h2',
    '[all:vars]',
    'level=all_inline',
    'from_all=1',
    '[parent:vars]',
    'level=parent_inline',
    '[child:vars]',
    'level=child_inline',
    '[alpha:vars]',
    'sibling=alpha',
    '[zulu:vars]',
    'sibling=zulu',
    '[prio:vars]',
    'sibling=prio',
    'ansible_group_priority=0',
  ].join('\n');

  it('a child group beats its parent; inline host vars beat every inline group var', async () => {
    const list = await listMemory({ '/inv/hosts': inventory });
    expect(list._meta.hostvars.h1?.level).toBe('host_inline');
    expect(list._meta.hostvars.h2?.level).toBe('child_inline');
  });

  it('among siblings the later name wins, unless ansible_group_priority says otherwise', async () => {
    const list = await listMemory({ '/inv/hosts': inventory });
    expect(list._meta.hostvars.h2?.sibling).toBe('zulu');
    const withPriority = inventory.replace('ansible_group_priority=0', 'ansible_group_priority=10');
    expect((await listMemory({ '/inv/hosts': withPriority }))._meta.hostvars.h2?.sibling).toBe('prio');
  });

  it('any group_vars file beats any inline group var, and host_vars beat inline host vars', async () => {
    const list = await listMemory(
      {
        '/inv/hosts': inventory,
        '/inv/group_vars/all.yml': 'level: all_file\n',
        '/inv/group_vars/parent.yml': 'parent_file: yes\n',
        '/inv/host_vars/h1': 'level: h1_file\n',
      },
      ['/inv/hosts'],
    );
    expect(list._meta.hostvars.h2?.level).toBe('all_file');
    expect(list._meta.hostvars.h2?.parent_file).toBe(true);
    expect(list._meta.hostvars.h1?.level).toBe('h1_file');
  });

  it('merges sources in order: a later source’s files and inline vars win', async () => {
    const files = {
      '/a/hosts': '[web]\nw1 src=a\n',
      '/a/group_vars/web.yml': 'gv: a\n',
      '/b/hosts.yml': 'web:\n  hosts:\n    w1:\n      src: b\n',
      '/b/group_vars/web.yml': 'gv: b\n',
    };
    expect((await listMemory(files, ['/a/hosts', '/b/hosts.yml']))._meta.hostvars.w1).toEqual({
      src: 'b',
      gv: 'b',
    });
    expect((await listMemory(files, ['/b/hosts.yml', '/a/hosts']))._meta.hostvars.w1).toEqual({
      src: 'a',
      gv: 'a',
    });
  });

  it('never prints the variables ansible sets itself', async () => {
    const list = await listMemory({
      '/inv/hosts': '[g]\nh inventory_hostname=x group_names=y omit=z keep=1\n',
    });
    expect(list._meta.hostvars.h).toEqual({ keep: 1 });
  });

  it('reads group_vars directories in order, a directory hiding the file of the same name', async () => {
    const list = await listMemory(
      {
        '/inv/hosts': '[web]\nw1\n',
        '/inv/group_vars/web/10.yml': 'a: 10\nb: 10\n',
        '/inv/group_vars/web/20.yaml': 'b: 20\n',
        '/inv/group_vars/web/.hidden.yml': 'a: hidden\n',
        '/inv/group_vars/web/notes.txt': 'a: txt\n',
        '/inv/group_vars/web.yml': 'a: file\n',
      },
      ['/inv/hosts'],
    );
    expect(list._meta.hostvars.w1).toEqual({ a: 10, b: 20 });
  });
});
