import { describe, expect, it } from 'vitest';
import { selectHosts, splitSelection, type SelectionUniverse } from '../../../src-main/run/hostSelection';

const universe: SelectionUniverse = {
  sources: [
    { id: 'ssh-config', label: 'ssh config' },
    { id: 'ansible', label: 'Ansible' },
    { id: 'manual', label: 'My hosts' },
  ],
  folders: [
    { id: 'f-prod', name: 'prod', parentId: null },
    { id: 'f-eu', name: 'eu', parentId: 'f-prod' },
    { id: 'f-db', name: 'db', parentId: 'f-eu' },
    { id: 'f-lab', name: 'lab', parentId: null },
    { id: 'f-web', name: 'webservers', parentId: 'f-lab' },
  ],
  hosts: [
    { id: 'ssh-config:web1', label: 'web1', sourceId: 'ssh-config', groups: [], folderId: 'f-eu' },
    { id: 'ssh-config:web2', label: 'web2', sourceId: 'ssh-config', groups: [], folderId: 'f-eu' },
    { id: 'ssh-config:db1', label: 'db1', sourceId: 'ssh-config', groups: [], folderId: 'f-db' },
    { id: 'ansible:app1', label: 'app1', sourceId: 'ansible', groups: ['webservers'] },
    { id: 'ansible:app2', label: 'app2', sourceId: 'ansible', groups: ['webservers', 'canary'] },
    { id: 'manual:x1', label: 'lab-1', sourceId: 'manual', groups: [], folderId: 'f-web' },
    { id: 'manual:dup', label: 'twin', sourceId: 'manual', groups: [], folderId: null },
    { id: 'ssh-config:twin', label: 'twin', sourceId: 'ssh-config', groups: [] },
  ],
};

const pick = (text: string) => selectHosts(splitSelection(text), universe);
const ids = (text: string) => {
  const result = pick(text);
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.hostIds;
};

describe('host selection (muxdeck run --hosts)', () => {
  it('names hosts by label, id and glob, in tree order, once each', () => {
    expect(ids('web2, web1,web1')).toEqual(['ssh-config:web1', 'ssh-config:web2']);
    expect(ids('ansible:app1')).toEqual(['ansible:app1']);
    expect(ids('app*')).toEqual(['ansible:app1', 'ansible:app2']);
    expect(ids('web?')).toEqual(['ssh-config:web1', 'ssh-config:web2']);
  });

  it('follows tree paths in My folders: direct hosts, ** below, a bare folder includes subfolders', () => {
    expect(ids('prod/eu/*')).toEqual(['ssh-config:web1', 'ssh-config:web2']);
    expect(ids('prod/eu/**')).toEqual(['ssh-config:web1', 'ssh-config:web2', 'ssh-config:db1']);
    expect(ids('prod/eu')).toEqual(['ssh-config:web1', 'ssh-config:web2', 'ssh-config:db1']);
    expect(ids('prod/eu/web2')).toEqual(['ssh-config:web2']);
    expect(ids('prod/eu/db/*')).toEqual(['ssh-config:db1']);
  });

  it('follows a source and its groups, and @name takes folders and groups of that name', () => {
    expect(ids('Ansible/webservers/*')).toEqual(['ansible:app1']);
    expect(ids('ansible/webservers/**')).toEqual(['ansible:app1', 'ansible:app2']);
    expect(ids('ansible/webservers/canary')).toEqual(['ansible:app2']);
    expect(ids('@webservers')).toEqual(['ansible:app1', 'ansible:app2', 'manual:x1']);
    expect(ids('@prod')).toEqual(['ssh-config:web1', 'ssh-config:web2', 'ssh-config:db1']);
  });

  it('an unknown item, an ambiguous label or a bad path is an error naming it, and selects nothing', () => {
    const result = pick('web1,nosuch,twin,@nogroup,nowhere/*,prod//x');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      '"nosuch": matches no host',
      '"twin": 2 hosts are called that (manual:dup, ssh-config:twin); name one by its id',
      '"@nogroup": matches no host',
      '"nowhere/*": no folder or source called "nowhere"',
      '"prod//x": a tree path has no empty parts (a//b, /a, a/)',
    ]);
    expect(pick('')).toEqual({ ok: false, errors: ['no hosts given'] });
    expect(pick('web\u0007').ok).toBe(false);
  });

  it('treats regular-expression characters in names literally', () => {
    expect(pick('web.').ok).toBe(false);
    expect(pick('(web1)|.*').ok).toBe(false);
  });
});
