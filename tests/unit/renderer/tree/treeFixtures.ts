import type { Host, SourceStatus, TreeOverlay } from '../../../../src-preload/api';
import { emptyOverlay, type TreeData } from '../../../../src-renderer/src/stores/tree/treeData';

export function host(sourceId: string, label: string, fields: Partial<Host> = {}): Host {
  return {
    id: `${sourceId}:${label}`,
    label,
    address: `${label}.example.com`,
    sourceId,
    groups: [],
    ...fields,
  };
}

export const SOURCES: SourceStatus[] = [
  { id: 'ssh-config', kind: 'ssh-config', label: 'ssh config', hostCount: 0 },
  { id: 'netbox', kind: 'netbox', label: 'NetBox prod', hostCount: 0 },
  { id: 'manual', kind: 'manual', label: 'My hosts', hostCount: 0 },
];

export function treeData(hosts: Host[], overlay: Partial<TreeOverlay> = {}): TreeData {
  return { hosts, sources: SOURCES, overlay: { ...emptyOverlay, ...overlay }, loaded: true };
}

/** A small but complete tree: two sources with groups, a folder, a favourite, a recent, a vanished host. */
export function sampleData(): TreeData {
  return treeData(
    [
      host('ssh-config', 'web-10'),
      host('ssh-config', 'web-2', { user: 'deploy', port: 2222 }),
      host('netbox', 'db-01', { groups: ['fra1', 'db'], address: '10.0.0.5' }),
      host('netbox', 'lb-01', { groups: ['fra1', 'lb'] }),
      host('manual', 'bastion', { address: 'bastion.example.com', user: 'ops' }),
    ],
    {
      folders: [
        { id: 'f-prod', name: 'prod', parentId: null, order: 0, settings: {} },
        { id: 'f-acme', name: 'acme', parentId: 'f-prod', order: 0, settings: {} },
      ],
      hosts: {
        'manual:bastion': { placement: { folderId: 'f-prod', order: 1 } },
        'netbox:db-01': { label: 'Database', tags: ['pg'], placement: { folderId: 'f-prod', order: 0 } },
        'netbox:gone': { placement: { folderId: 'f-acme', order: 0 }, notes: 'retired' },
      },
      favourites: ['ssh-config:web-2'],
      recent: [{ hostId: 'netbox:lb-01', at: 5 }],
      known: { 'netbox:gone': { label: 'old-web', sourceId: 'netbox', address: '10.0.0.9' } },
    },
  );
}
