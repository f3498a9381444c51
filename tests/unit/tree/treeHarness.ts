import type { Host, HostSourceKind } from '../../../src-preload/api';
import { HostCatalog } from '../../../src-main/inventory/hostCatalog';
import type { ConfirmationRequest } from '../../../src-main/ports';
import type { HostSource, HostSourceSnapshot } from '../../../src-main/inventory/hostSource';
import { ManualSource } from '../../../src-main/tree/manualSource';
import type { SshConfigLookup } from '../../../src-main/ssh/sshConfigValues';
import { TreeService, type TreeChange } from '../../../src-main/tree/treeService';
import { memoryFileReader } from '../../fakes/memoryFileReader';
import { manualClock } from '../../fakes/manualClock';
import { openStore, quietLogger } from '../store/storeFixtures';

/** A source whose hosts the test changes between "syncs". */
export class FakeSource implements HostSource {
  hosts: Host[] = [];
  constructor(
    readonly id: string,
    readonly kind: HostSourceKind,
    readonly label: string,
  ) {}
  load(): Promise<HostSourceSnapshot> {
    return Promise.resolve({ hosts: this.hosts });
  }
  sshDestination(host: Host): string {
    return this.kind === 'ssh-config' ? host.label : (host.address ?? host.label);
  }
}

export function syncedHost(sourceId: string, name: string, fields: Partial<Host> = {}): Host {
  return {
    id: `${sourceId}:${name}`,
    label: name,
    address: `${name}.example.com`,
    sourceId,
    groups: [],
    ...fields,
  };
}

export const SSH_CONFIG = '/home/ada/.ssh/config';

export async function treeHarness(
  home: string,
  sshConfigText = '',
  extra: { sshConfigValues?: SshConfigLookup } = {},
) {
  const store = await openStore(home);
  const sshConfig = new FakeSource('ssh-config', 'ssh-config', 'ssh config');
  const netbox = new FakeSource('netbox', 'netbox', 'NetBox prod');
  const catalog = new HostCatalog([sshConfig, netbox, new ManualSource(() => store.read())]);
  const { clock, advance } = manualClock();
  advance(1_700_000_000_000);
  // The user's answer to a confirmation outside the page (a dialog, the serve terminal): no until told.
  const confirmation = { asked: [] as ConfirmationRequest[], answer: false };
  const tree = await TreeService.create({
    store,
    catalog,
    ssh: { sshPath: 'ssh', configFlag: SSH_CONFIG },
    sshConfig: {
      file: SSH_CONFIG,
      home: '/home/ada',
      files: memoryFileReader({ [SSH_CONFIG]: sshConfigText }),
    },
    clock,
    logger: quietLogger,
    confirmation: {
      confirm: (request) => {
        confirmation.asked.push(request);
        return Promise.resolve(confirmation.answer);
      },
    },
    ownDirs: [home],
    ...extra,
  });
  const changes: TreeChange[] = [];
  tree.onDidChange((change) => changes.push(change));
  return { store, tree, catalog, sources: { sshConfig, netbox }, changes, advance, confirmation };
}
