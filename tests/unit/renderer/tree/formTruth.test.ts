import { describe, expect, it } from 'vitest';
import type { Host, SourceStatus } from '../../../../src-preload/api';
import { jumpChoices, selfJumpWarning } from '../../../../src-renderer/src/stores/tree/jumpChoices.logic';
import {
  sourceFolderFormFrom,
  sourceFolderMutations,
  sourceFolderOf,
} from '../../../../src-renderer/src/stores/tree/sourceFolderForm.logic';
import { emptySettingsForm, fieldHint } from '../../../../src-renderer/src/stores/tree/settingsForm.logic';

const host = (id: string, sourceId: string, fields: Partial<Host> = {}): Host => ({
  id: `${sourceId}:${id}`,
  label: id,
  sourceId,
  groups: [],
  ...fields,
});
const sources: SourceStatus[] = [
  { id: 'ssh-config', kind: 'ssh-config', label: 'ssh config', hostCount: 2 },
  { id: 'netbox', kind: 'netbox', label: 'NetBox', hostCount: 1 },
  { id: 'manual', kind: 'manual', label: 'My hosts', hostCount: 1 },
];

describe('the host form tells the truth', () => {
  it('says a filled field is set here (and what it overrides), never "Not set"', () => {
    const values = { ...emptySettingsForm, user: 'alice', identityFile: '' };
    const inherited = {
      user: { value: 'team', from: { kind: 'folder' as const, folderId: 'f1', name: 'ops' } },
      identityFile: { value: '~/.ssh/work_key', from: { kind: 'ssh-config' as const } },
    };
    expect(fieldHint('user', values, inherited)).toBe('Set here: alice (instead of team from folder “ops”)');
    expect(fieldHint('user', values, null)).toBe('Set here: alice');
    expect(fieldHint('identityFile', values, inherited)).toBe(
      'Inherited: ~/.ssh/work_key (from the ssh config)',
    );
    expect(fieldHint('port', values, null)).toBe('Not set: ssh uses 22');
    expect(fieldHint('logging', { ...values, logging: 'on' }, null)).toBe('Set here: on');
  });
});

describe('jump host choices', () => {
  it('offers ssh config hosts by alias and others by address, never the host being edited', () => {
    const hosts = [
      host('bastion', 'ssh-config', { address: 'bastion.example.com' }),
      host('web', 'ssh-config', { address: 'web.example.com' }),
      host('core-gw', 'netbox', { address: '10.0.0.1', user: 'ops', port: 2222 }),
      host('no-address', 'netbox'),
      host('mine', 'manual', { address: 'mine.example.com' }),
    ];
    expect(jumpChoices(hosts, sources, 'ssh-config:web')).toEqual([
      { value: 'bastion', label: 'ssh config' },
      { value: 'mine.example.com', label: 'mine · My hosts' },
      { value: 'ops@10.0.0.1:2222', label: 'core-gw · NetBox' },
    ]);
  });

  it('warns when the jump host in effect (typed, else inherited) is the host itself', () => {
    const names = [{ label: 'bastion', address: 'bastion.example.com' }];
    expect(selfJumpWarning(names, '', 'bastion')).toMatch(/Jumps through itself: its jump host “bastion”/);
    expect(selfJumpWarning(names, 'gateway', 'bastion')).toBeUndefined();
    expect(selfJumpWarning(names, 'ops@bastion.example.com', undefined)).toMatch(/Jumps through itself/);
    expect(selfJumpWarning(names, '', undefined)).toBeUndefined();
  });
});

describe("a source's folders in the tree", () => {
  it('are named by their node id: the source branch and any group path', () => {
    expect(sourceFolderOf('source:netbox')).toEqual({ sourceId: 'netbox', path: [] });
    expect(sourceFolderOf('group:["netbox","site-a","router"]')).toEqual({
      sourceId: 'netbox',
      path: ['site-a', 'router'],
    });
    expect(sourceFolderOf('group:not json')).toBeUndefined();
    expect(sourceFolderOf('folder:abc')).toBeUndefined();
    const ref = { sourceId: 'netbox', path: ['site-a'] };
    const overlay = {
      revision: 1,
      folders: [],
      hosts: {},
      favourites: [],
      recent: [],
      known: {},
      expanded: {},
      sourceGroups: { '["netbox","site-a"]': { settings: { jumpHost: 'jump-a' }, notes: 'DC 1' } },
    };
    const values = sourceFolderFormFrom(overlay, ref);
    expect(values).toMatchObject({ jumpHost: 'jump-a', notes: 'DC 1' });
    expect(sourceFolderMutations({ ...values, port: '2222' }, ref)).toEqual([
      {
        op: 'sourceGroup.update',
        sourceId: 'netbox',
        path: ['site-a'],
        settings: { jumpHost: 'jump-a', port: 2222 },
        notes: 'DC 1',
      },
    ]);
  });
});
