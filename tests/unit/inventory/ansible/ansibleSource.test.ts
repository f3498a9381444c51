import { describe, expect, it } from 'vitest';
import { Host } from '../../../../src-preload/api';
import { AnsibleInventorySource } from '../../../../src-main/inventory/ansible/ansibleSource';
import { memoryInventoryFs } from './memoryInventoryFs';

function source(files: Record<string, string>, paths = Object.keys(files)) {
  return new AnsibleInventorySource({ key: 'lab', label: 'Lab', paths }, { files: memoryInventoryFs(files) });
}

describe('AnsibleInventorySource (a HostSource)', () => {
  it('returns contract-valid hosts with stable ids, folders and problems', async () => {
    const lab = source({
      '/lab/hosts':
        '[web]\nweb1 ansible_host=192.0.2.1 ansible_user=deploy ansible_port=2222\n[web:children]\ncanary\n[canary]\nc1\n',
      '/lab/hosts.yml': 'odd:\n  hosts:\n    "-oProxyCommand=x":\n',
    });
    expect(lab.id).toBe('ansible:lab');
    expect(lab.kind).toBe('ansible');
    const snapshot = await lab.load();
    for (const host of snapshot.hosts) expect(Host.safeParse(host).success).toBe(true);
    expect(snapshot.hosts.map((h) => [h.id, h.groups])).toEqual([
      ['ansible:lab:web1', ['web']],
      ['ansible:lab:c1', ['web', 'canary']],
      ['ansible:lab:-oProxyCommand=x', ['odd']],
    ]);
    expect(snapshot.hosts[2]?.problem).toMatch(/"-"/);
    expect(snapshot.error).toBeUndefined();
    expect(snapshot.location).toBe('/lab/hosts, /lab/hosts.yml');
  });

  it('gives ssh the address as destination and the rest as options', async () => {
    const lab = source({
      '/lab/hosts': '[web]\nweb1 ansible_host=192.0.2.1 ansible_user=deploy ansible_port=2222\n',
    });
    const [host] = (await lab.load()).hosts;
    if (!host) throw new Error('no host');
    expect(lab.sshDestination(host)).toBe('192.0.2.1');
    expect(lab.sshOptions(host)).toEqual(['-p', '2222', '-l', 'deploy']);
    expect(lab.connectionFor(host.id)?.inventoryHostname).toBe('web1');
  });

  it('keeps what it could read and names the files it could not', async () => {
    const lab = source({ '/lab/a.ini': '[ok]\nh1\n', '/lab/b.ini': '[bad section]\n' });
    const snapshot = await lab.load();
    expect(snapshot.hosts.map((h) => h.label)).toEqual(['h1']);
    expect(snapshot.error).toBe(
      'A file could not be read: /lab/b.ini:1: not an inventory Muxdeck can read at this line (`muxdeck inventory --ansible FILE --list` in a terminal shows the details)',
    );
  });

  it('describes groups as folders', async () => {
    const snapshot = await source({
      '/lab/hosts': '[site:children]\nweb\n[web]\nw1\n[empty]\n',
    }).loadInventory();
    expect(snapshot.topLevelGroups).toEqual(['site', 'empty']);
    expect(snapshot.groups).toEqual([
      { name: 'site', children: ['web'], hostIds: [] },
      { name: 'web', children: [], hostIds: ['ansible:lab:w1'] },
      { name: 'empty', children: [], hostIds: [] },
    ]);
  });
});

describe('AnsibleInventorySource keys', () => {
  it('refuses a key that would make host ids ambiguous', () => {
    expect(
      () =>
        new AnsibleInventorySource({ key: 'a:b', label: '', paths: [] }, { files: memoryInventoryFs({}) }),
    ).toThrow(/source key/);
  });
});
