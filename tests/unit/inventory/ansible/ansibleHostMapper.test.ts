import { describe, expect, it } from 'vitest';
import {
  mapAnsibleHost,
  sshOptionsFor,
  toHost,
} from '../../../../src-main/inventory/ansible/ansibleHostMapper';
import { loadMemory } from './helpers';

async function connectionsOf(files: Record<string, string>, options: { allowProxyCommand?: boolean } = {}) {
  const inventory = await loadMemory(files);
  return new Map(
    [...inventory.model.hosts.keys()].map((name) => [
      name,
      mapAnsibleHost(inventory.model, name, inventory.hostVariables(name), {
        sourceId: 'ansible:prod',
        ...options,
      }),
    ]),
  );
}

describe('Ansible host -> ssh connection', () => {
  it('maps address, port, user and key with ansible’s ansible_ssh_* over ansible_* rule', async () => {
    const hosts = await connectionsOf({
      '/inv/hosts':
        '[g]\nlegacy ansible_ssh_host=10.1.0.8 ansible_host=10.9.9.9 ansible_ssh_port=2022 ansible_port=22 ' +
        'ansible_ssh_user=old ansible_user=new ansible_private_key_file=~/.ssh/id_ed25519\nplain\n',
    });
    expect(hosts.get('legacy')).toMatchObject({
      id: 'ansible:prod:legacy',
      address: '10.1.0.8',
      port: 2022,
      user: 'old',
      identityFile: '~/.ssh/id_ed25519',
      connection: { plugin: 'smart', kind: 'ssh' },
    });
    expect(hosts.get('plain')).toMatchObject({ address: 'plain', otherSshArgs: [] });
    expect(hosts.get('plain')?.problem).toBeUndefined();
    expect(toHost(hosts.get('legacy') ?? ({} as never))).toEqual({
      id: 'ansible:prod:legacy',
      label: 'legacy',
      address: '10.1.0.8',
      user: 'old',
      port: 2022,
      sourceId: 'ansible:prod',
      groups: ['g'],
    });
  });

  it('marks non-ssh connections: network_cli is imported as network, winrm and local are not ssh', async () => {
    const hosts = await connectionsOf({
      '/inv/hosts':
        '[g]\nsw ansible_connection=ansible.netcommon.network_cli\nwin ansible_connection=winrm\nlo ansible_connection=local\n',
    });
    expect(hosts.get('sw')?.connection).toEqual({ plugin: 'network_cli', kind: 'network' });
    expect(hosts.get('sw')?.problem).toBeUndefined();
    expect(hosts.get('win')?.problem).toMatch(/winrm: Muxdeck connects with ssh only/);
    expect(hosts.get('lo')?.connection.kind).toBe('other');
  });

  it('takes the jump host from ssh args, shows a ProxyCommand without running it', async () => {
    const hosts = await connectionsOf({
      '/inv/hosts': [
        '[g]',
        "j ansible_ssh_common_args='-J ops@bastion:2222'",
        `w ansible_ssh_common_args='-o ProxyCommand="ssh -W %h:%p -q ubuntu@203.0.113.5"'`,
        `nc ansible_ssh_common_args='-o "ProxyCommand=nc -X 5 -x proxy:1080 %h %p"'`,
      ].join('\n'),
    });
    expect(hosts.get('j')).toMatchObject({ proxyJump: 'ops@bastion:2222' });
    expect(sshOptionsFor(hosts.get('j') ?? ({} as never), {})).toEqual(['-J', 'ops@bastion:2222']);
    expect(hosts.get('w')).toMatchObject({
      proxyJump: 'ubuntu@203.0.113.5',
      proxyCommand: 'ssh -W %h:%p -q ubuntu@203.0.113.5',
    });
    expect(hosts.get('nc')?.problem).toMatch(/needs ProxyCommand .* not allowed/);
    expect(sshOptionsFor(hosts.get('nc') ?? ({} as never), {})).toEqual([]);

    const allowed = await connectionsOf(
      {
        '/inv/hosts': `[g]\nnc ansible_ssh_common_args='-o "ProxyCommand=nc -x proxy:1080 %h %p"' ansible_port=2200\n`,
      },
      { allowProxyCommand: true },
    );
    expect(allowed.get('nc')?.problem).toBeUndefined();
    expect(sshOptionsFor(allowed.get('nc') ?? ({} as never), { allowProxyCommand: true })).toEqual([
      '-p',
      '2200',
      '-o',
      'ProxyCommand=nc -x proxy:1080 %h %p',
    ]);
  });

  it('reads ProxyCommand=none as no proxy command, as OpenSSH does', async () => {
    const files = {
      '/inv/hosts': [
        '[g]',
        "direct ansible_ssh_common_args='-o ProxyCommand=none'",
        `first ansible_ssh_common_args='-o ProxyCommand=none -o "ProxyCommand=nc -x proxy:1080 %h %p"'`,
      ].join('\n'),
    };
    for (const allowProxyCommand of [false, true]) {
      const hosts = await connectionsOf(files, { allowProxyCommand });
      for (const name of ['direct', 'first']) {
        expect(hosts.get(name)?.proxyCommand, name).toBeUndefined();
        expect(hosts.get(name)?.problem, name).toBeUndefined();
        expect(sshOptionsFor(hosts.get(name) ?? ({} as never), { allowProxyCommand })).toEqual([]);
      }
    }
  });

  it('does not render templates: a templated address is a problem, not a guess', async () => {
    const hosts = await connectionsOf({ '/inv/hosts': "[g]\nt ansible_host=\"{{ lookup('env', 'X') }}\"\n" });
    expect(hosts.get('t')?.problem).toMatch(/template/);
  });

  it('notes a declared password without importing it', async () => {
    const hosts = await connectionsOf({ '/inv/hosts': '[g]\np ansible_password=hunter2\n' });
    expect(hosts.get('p')?.declaresPassword).toBe(true);
    expect(JSON.stringify(hosts.get('p'))).not.toContain('hunter2');
  });

  it('lists every folder path for a host in several groups; the primary is its most specific group', async () => {
    const hosts = await connectionsOf({
      '/inv/hosts.yml': [
        'all:',
        '  hosts:',
        '    solo:',
        '  children:',
        '    prod:',
        '      children:',
        '        web:',
        '          hosts:',
        '            shared:',
        '        db:',
        '          hosts:',
        '            shared:',
        '    europe:',
        '      children:',
        '        web:',
        '    monitoring:',
        '      hosts:',
        '        shared:',
      ].join('\n'),
    });
    expect(hosts.get('shared')?.groupPaths).toEqual([
      ['prod', 'web'],
      ['europe', 'web'],
      ['prod', 'db'],
      ['monitoring'],
    ]);
    expect(hosts.get('shared')?.primaryGroupPath).toEqual(['prod', 'web']);
    expect(hosts.get('shared')?.groupNames).toEqual(['db', 'europe', 'monitoring', 'prod', 'web']);
    expect(hosts.get('solo')).toMatchObject({ groupPaths: [[]], primaryGroupPath: [] });
  });
});
