import { describe, expect, it } from 'vitest';
import { HostSettings, type TreeFolder } from '../../../src-preload/api';
import { parseSshExtraOptions, sshExtraOptionProblem } from '../../../src-preload/api';
import { sshHostOptionArgs } from '../../../src-main/ssh/sshHostOptions';
import { effectiveHost } from '../../../src-main/tree/hostEffective.logic';
import { emptyTree } from '../../../src-main/store/storeSchema';
import { syncedHost } from './treeHarness';

describe('extra ssh options', () => {
  it('passes allowed options to ssh as -o Name=value', () => {
    expect(
      sshHostOptionArgs({
        user: 'ops',
        extraOptions: {
          ServerAliveInterval: '30',
          LocalForward: '8080 localhost:80',
          KexAlgorithms: '+diffie-hellman-group14-sha1',
        },
      }),
    ).toEqual([
      '-l',
      'ops',
      '-o',
      'ServerAliveInterval=30',
      '-o',
      'LocalForward=8080 localhost:80',
      '-o',
      'KexAlgorithms=+diffie-hellman-group14-sha1',
    ]);
  });

  it.each([
    ['ProxyCommand', 'nc %h %p', /not an option Muxdeck passes/],
    ['LocalCommand', 'touch /tmp/pwned', /not an option/],
    ['PermitLocalCommand', 'yes', /not an option/],
    ['KnownHostsCommand', '/bin/sh', /not an option/],
    ['PKCS11Provider', '/tmp/evil.so', /not an option/],
    ['ControlPath', '/tmp/x', /not an option/],
    ['StrictHostKeyChecking', 'no', /never turns host-key checking off/],
    ['ServerAliveInterval', '30;touch /tmp/pwned', /a number of seconds/],
    ['ServerAliveInterval', '$(id)', /a number of seconds/],
    ['SendEnv', 'A\nProxyCommand x', /environment variable names/],
    ['LocalForward', '8080 localhost:80 -oProxyCommand=x', /bind/],
    ['serveraliveinterval', '30', /write ServerAliveInterval/],
  ])('refuses %s=%j and says why', (name, value, why) => {
    expect(sshExtraOptionProblem(name, value)).toMatch(why);
    expect(() => sshHostOptionArgs({ extraOptions: { [name]: value } })).toThrow(why);
  });

  it('is refused by the contract with the field named, so a bad value never reaches the store', () => {
    const result = HostSettings.safeParse({ extraOptions: { ProxyCommand: 'nc %h %p' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['extraOptions', 'ProxyCommand']);
    expect(HostSettings.parse({ extraOptions: { Compression: 'yes' } })).toEqual({
      extraOptions: { Compression: 'yes' },
    });
  });

  it('reads the form text in ssh_config syntax and names the line of a mistake', () => {
    expect(parseSshExtraOptions('# keepalives\nServerAliveInterval 30\n\nCompression=yes\n')).toEqual({
      ok: true,
      options: { ServerAliveInterval: '30', Compression: 'yes' },
    });
    expect(parseSshExtraOptions('Compression yes\nProxyCommand nc %h %p')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^line 2: ProxyCommand is not an option/) as unknown,
    });
    expect(parseSshExtraOptions('Compression yes\nCompression no')).toMatchObject({
      ok: false,
      problem: 'line 2: Compression is given twice',
    });
    expect(parseSshExtraOptions('Compression')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^line 1: write Name value/) as unknown,
    });
  });

  it('is inherited from the nearest folder that sets it, as a whole, and the host can override it', () => {
    const folder = (id: string, parentId: string | null, settings: TreeFolder['settings']): TreeFolder => ({
      id,
      name: id,
      parentId,
      order: 0,
      settings,
    });
    const folders = new Map([
      ['outer', folder('outer', null, { extraOptions: { ServerAliveInterval: '60', Compression: 'yes' } })],
      ['inner', folder('inner', 'outer', {})],
    ]);
    const host = syncedHost('netbox', 'web', {});
    const placed = { placement: { folderId: 'inner', order: 0 } };
    const tree = { ...emptyTree(), folders: [...folders.values()], hosts: { [host.id]: placed } };
    expect(
      effectiveHost({ tree, folders, host, sourceKind: 'netbox' }).settings.sshOptions.extraOptions,
    ).toEqual({
      ServerAliveInterval: '60',
      Compression: 'yes',
    });
    const own = {
      ...tree,
      hosts: { [host.id]: { ...placed, settings: { extraOptions: { ServerAliveInterval: '5' } } } },
    };
    expect(
      effectiveHost({ tree: own, folders, host, sourceKind: 'netbox' }).settings.sshOptions.extraOptions,
    ).toEqual({
      ServerAliveInterval: '5',
    });
  });
});
