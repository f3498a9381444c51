import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstJumpHost, jumpsThroughItself } from '../../../src-preload/api';
import { configuredSshValues } from '../../../src-main/ssh/sshConfigValues';
import { makeTempDir, removeDir } from '../../helpers/tempDir';
import { syncedHost, treeHarness } from './treeHarness';

let home: string;
beforeEach(async () => {
  home = await makeTempDir('mx-jump-');
});
afterEach(async () => removeDir(home));

describe('a host that jumps through itself', () => {
  it('is recognised by its name or its address, whatever user, port or later hops the jump host has', () => {
    const bastion = { label: 'bastion', address: 'bastion.example.com' };
    expect(jumpsThroughItself(bastion, 'bastion')).toBe(true);
    expect(jumpsThroughItself(bastion, 'ops@Bastion.example.com:2222,inner')).toBe(true);
    expect(jumpsThroughItself(bastion, 'other,bastion')).toBe(false);
    expect(jumpsThroughItself(bastion, 'gateway')).toBe(false);
    expect(jumpsThroughItself(bastion, undefined)).toBe(false);
    expect(firstJumpHost('u@[::1]:22')).toBe('::1');
  });

  it('is marked in the overlay after it is placed in a folder whose jump host it is, and not otherwise', async () => {
    const h = await treeHarness(home);
    h.sources.sshConfig.hosts = [syncedHost('ssh-config', 'bastion'), syncedHost('ssh-config', 'web')];
    const {
      createdIds: [folderId = ''],
    } = await h.tree.apply([
      { op: 'folder.create', name: 'behind', parentId: null, settings: { jumpHost: 'bastion' } },
    ]);
    await h.tree.apply([{ op: 'host.move', hostIds: ['ssh-config:bastion', 'ssh-config:web'], folderId }]);
    const { overlay } = await h.tree.snapshot();
    expect(overlay.hosts['ssh-config:bastion']?.selfJump).toBe('bastion');
    expect(overlay.hosts['ssh-config:web']?.selfJump).toBeUndefined();

    // Its own jump host fixes it.
    await h.tree.apply([
      {
        op: 'host.update',
        hostId: 'ssh-config:bastion',
        label: '',
        tags: [],
        notes: '',
        settings: { jumpHost: 'gateway' },
      },
    ]);
    expect((await h.tree.snapshot()).overlay.hosts['ssh-config:bastion']?.selfJump).toBeUndefined();
  });
});

describe('values the ssh config sets', () => {
  it("keeps a configured IdentityFile, user, port and ProxyJump, not ssh's own defaults", () => {
    const defaults = [
      'user ada',
      'port 22',
      ...['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_xmss', 'id_dsa'].map(
        (name) => `identityfile ~/.ssh/${name}`,
      ),
      'proxyjump none',
    ].join('\n');
    expect(configuredSshValues(defaults, 'ada')).toEqual({});
    const configured = 'user deploy\nport 2222\nidentityfile ~/.ssh/work_key\nproxyjump jump.example.com\n';
    expect(configuredSshValues(configured, 'ada')).toEqual({
      user: 'deploy',
      port: 2222,
      identityFile: '~/.ssh/work_key',
      jumpHost: 'jump.example.com',
    });
  });

  it('fill what no folder or source sets, marked as from the ssh config, below every other layer', async () => {
    const asked: string[] = [];
    const h = await treeHarness(home, '', {
      sshConfigValues: (destination) => {
        asked.push(destination);
        return Promise.resolve({ identityFile: '~/.ssh/work_key', user: 'from-config' });
      },
    });
    h.sources.sshConfig.hosts = [syncedHost('ssh-config', 'web')];
    const {
      createdIds: [folderId = ''],
    } = await h.tree.apply([
      { op: 'folder.create', name: 'team', parentId: null, settings: { user: 'team-user' } },
    ]);
    const inherited = await h.tree.inherited(folderId, 'ssh-config:web');
    expect(asked).toEqual(['web']);
    expect(inherited.identityFile).toEqual({ value: '~/.ssh/work_key', from: { kind: 'ssh-config' } });
    expect(inherited.user).toEqual({ value: 'team-user', from: { kind: 'folder', folderId, name: 'team' } });
    // A folder's form asks no host's config.
    expect((await h.tree.inherited(folderId)).identityFile).toBeUndefined();
  });
});
