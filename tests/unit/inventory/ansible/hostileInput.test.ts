import { describe, expect, it } from 'vitest';
import { mapAnsibleHost, sshOptionsFor } from '../../../../src-main/inventory/ansible/ansibleHostMapper';
import { listMemory, loadMemory } from './helpers';
import { memoryInventoryFs } from './memoryInventoryFs';
import { loadAnsibleInventory } from '../../../../src-main/inventory/ansible/loadAnsibleInventory';

async function mapped(yaml: string, host: string) {
  const inventory = await loadMemory({ '/inv/hosts.yml': yaml });
  return mapAnsibleHost(inventory.model, host, inventory.hostVariables(host), { sourceId: 'ansible:t' });
}

describe('inventory data is hostile', () => {
  it('flags a host name that ssh would read as an option (hostNameProblem), and gives ssh no options for it', async () => {
    const host = await mapped(
      `g:\n  hosts:\n    "-oProxyCommand=touch /tmp/x":\n      ansible_port: 22\n`,
      '-oProxyCommand=touch /tmp/x',
    );
    expect(host.problem).toMatch(/must not start with "-"/);
    expect(sshOptionsFor(host, {})).toEqual([]);
  });

  it('flags an ansible_host that would be an option, control characters and shell text', async () => {
    expect(
      (await mapped('g:\n  hosts:\n    a:\n      ansible_host: "-oProxyCommand=x"\n', 'a')).problem,
    ).toMatch(/"-"/);
    expect((await mapped('g:\n  hosts:\n    "bell\\u0007host":\n', 'bell\u0007host')).problem).toMatch(
      /control character/,
    );
    expect((await mapped('g:\n  hosts:\n    "$(reboot)":\n', '$(reboot)')).problem).toMatch(/contains "\$"/);
    expect((await mapped('g:\n  hosts:\n    ok:\n      ansible_user: "-lroot"\n', 'ok')).problem).toMatch(
      /user/,
    );
    expect((await mapped('g:\n  hosts:\n    ok:\n      ansible_port: "99999"\n', 'ok')).problem).toMatch(
      /port/,
    );
  });

  it('bounds a huge range with a clear error naming the line; the rest of the inventory loads', async () => {
    const inventory = await loadMemory({
      '/inv/a.ini': '[web]\nweb1\n',
      '/inv/b.ini': '[big]\nh[1:100000000000]\n',
    });
    expect([...inventory.model.hosts.keys()]).toEqual(['web1']);
    expect(inventory.problems).toMatchObject([
      { severity: 'error', file: '/inv/b.ini', line: 2, message: expect.stringMatching(/at most 100000/) },
    ]);
  });

  it('does not run an inventory script unless allowed, and says so', async () => {
    const files = memoryInventoryFs({
      '/inv/dyn.py': { text: '#!/usr/bin/env python3\nprint("{}")\n', executable: true },
    });
    let ran = false;
    const inventory = await loadAnsibleInventory(
      ['/inv/dyn.py'],
      { files },
      {
        runScript: async () => {
          ran = true;
          return { stdout: '{}', stderr: '', code: 0 };
        },
      },
    );
    expect(ran).toBe(false);
    expect(inventory.problems).toMatchObject([
      { severity: 'warning', message: expect.stringMatching(/not run/) },
    ]);
  });

  it('runs an allowed script with argv only, and reads its JSON', async () => {
    const files = memoryInventoryFs({ '/inv/dyn': { text: '#!/bin/sh\n', executable: true } });
    const calls: Array<readonly string[]> = [];
    const inventory = await loadAnsibleInventory(
      ['/inv/dyn'],
      { files },
      {
        allowScripts: true,
        runScript: async (path, args) => {
          calls.push([path, ...args]);
          return { stdout: '{"web": ["w1"], "_meta": {"hostvars": {"w1": {"a": 1}}}}', stderr: '', code: 0 };
        },
      },
    );
    expect(calls).toEqual([['/inv/dyn', '--list']]);
    expect(inventory.hostVariables('w1')).toEqual(new Map([['a', 1]]));
  });

  it('does not look up vars files outside group_vars/ for a name like ../x', async () => {
    const files = memoryInventoryFs({
      '/inv/hosts.yml': 'g:\n  hosts:\n    "../secret":\n',
      '/inv/group_vars/all.yml': 'x: 1\n',
      '/inv/secret.yml': 'stolen: true\n',
    });
    const inventory = await loadAnsibleInventory(['/inv/hosts.yml'], { files });
    expect(inventory.hostVariables('../secret')).toEqual(new Map([['x', 1]]));
    expect(files.reads).not.toContain('/inv/secret.yml');
  });

  it('handles __proto__ and constructor as plain names', async () => {
    const list = await listMemory({
      '/inv/hosts.yml': '__proto__:\n  hosts:\n    constructor:\n      __proto__: {polluted: true}\n',
    });
    expect(Object.keys(list)).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(list._meta.hostvars)).toContain('"constructor"');
  });

  it('refuses a group loop and an `all` under another group, keeping the other files', async () => {
    const inventory = await loadMemory({
      '/inv/1.ini': '[a:children]\nb\n[b:children]\na\n',
      '/inv/2.ini': '[x:children]\nall\n',
      '/inv/3.ini': '[ok]\nh\n',
    });
    expect(inventory.problems.map((p) => [p.file, p.line])).toEqual([
      ['/inv/1.ini', 4],
      ['/inv/2.ini', 2],
    ]);
    expect([...inventory.model.hosts.keys()]).toEqual(['h']);
  });
});
