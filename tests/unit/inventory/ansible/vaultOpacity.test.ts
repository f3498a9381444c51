import { describe, expect, it } from 'vitest';
import { mapAnsibleHost } from '../../../../src-main/inventory/ansible/ansibleHostMapper';
import { listMemory, loadMemory } from './helpers';

/** A `!vault |` block scalar whose lines are indented by `indent` spaces. */
const vault = (indent: number) =>
  `!vault |\n${' '.repeat(indent)}$ANSIBLE_VAULT;1.1;AES256\n${' '.repeat(indent)}3162\n`;

describe('vault-encrypted data stays opaque and never breaks a load', () => {
  it('prints !vault values as ansible-inventory does, {"__ansible_vault": ciphertext}', async () => {
    const list = await listMemory({ '/inv/hosts.yml': `web:\n  hosts:\n    w1:\n      secret: ${vault(8)}` });
    expect(list._meta.hostvars.w1).toEqual({
      secret: { __ansible_vault: '$ANSIBLE_VAULT;1.1;AES256\n3162\n' },
    });
  });

  it('reads JSON {"__ansible_vault": ...} objects back as vault values', async () => {
    const list = await listMemory(
      {
        '/inv/hosts.yml': 'web:\n  hosts:\n    w1:\n',
        '/inv/host_vars/w1.json':
          '{"pw": {"__ansible_vault": "$ANSIBLE_VAULT;1.1;AES256\\n31\\n", "ignored": 1}}',
      },
      ['/inv/hosts.yml'],
    );
    expect(list._meta.hostvars.w1).toEqual({ pw: { __ansible_vault: '$ANSIBLE_VAULT;1.1;AES256\n31\n' } });
  });

  it('skips a vault-encrypted vars file with a warning (ansible would stop altogether) and keeps the rest', async () => {
    const inventory = await loadMemory(
      {
        '/inv/hosts': '[web]\nw1\n',
        '/inv/group_vars/web/plain.yml': 'plain: 1\n',
        '/inv/group_vars/web/vault.yml': '$ANSIBLE_VAULT;1.1;AES256\n6162636465\n',
      },
      ['/inv/hosts'],
    );
    expect(inventory.hostVariables('w1')).toEqual(new Map([['plain', 1]]));
    expect(inventory.problems).toMatchObject([
      {
        severity: 'warning',
        file: '/inv/group_vars/web/vault.yml',
        message: expect.stringContaining('ansible-vault'),
      },
    ]);
  });

  it('reports a vault-encrypted inventory file as unreadable and loads the other sources', async () => {
    const inventory = await loadMemory({
      '/inv/secret.yml': '$ANSIBLE_VAULT;1.1;AES256\n6162636465\n',
      '/inv/hosts': '[web]\nw1\n',
    });
    expect([...inventory.model.hosts.keys()]).toEqual(['w1']);
    expect(inventory.problems).toMatchObject([{ severity: 'error', file: '/inv/secret.yml' }]);
  });

  it('does not crash on a vault value used where a name is expected', async () => {
    const inventory = await loadMemory({
      '/inv/hosts.yml': `web:\n  hosts:\n    ? ${vault(8).trimEnd()}\n    : {}\n`,
    });
    expect(inventory.problems[0]).toMatchObject({ severity: 'error', file: '/inv/hosts.yml' });
  });

  it('never uses a vault value as a connection setting', async () => {
    const inventory = await loadMemory({
      '/inv/hosts.yml': `web:\n  hosts:\n    w1:\n      ansible_host: ${vault(8)}`,
    });
    const host = mapAnsibleHost(inventory.model, 'w1', inventory.hostVariables('w1'), {
      sourceId: 'ansible:t',
    });
    expect(host.address).toBe('w1');
    expect(host.problem).toMatch(/ansible_host is vault-encrypted/);
  });
});
