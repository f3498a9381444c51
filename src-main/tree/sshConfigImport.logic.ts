import { HostSettings, treeFields } from '../../src-preload/api';
import { hostPatternsMatch, isConcreteAlias } from '../inventory/ssh-config/sshConfigHosts';
import type { SshConfigBlock } from '../inventory/ssh-config/sshConfigReader';

export interface ImportableHost {
  label: string;
  hostName: string;
  settings: HostSettings;
}

const WANTED = ['hostname', 'user', 'port', 'identityfile', 'proxyjump'] as const;

/**
 * The ssh config's concrete hosts as standalone manual hosts: the alias becomes the label, HostName
 * the address, and User/Port/IdentityFile/ProxyJump (first value wins, as in ssh) its own settings.
 * A host whose values Muxdeck would refuse to pass to ssh is skipped, not half-imported.
 */
export function importableSshHosts(blocks: readonly SshConfigBlock[]): {
  hosts: ImportableHost[];
  skipped: number;
} {
  const hosts: ImportableHost[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const block of blocks) {
    if (block.kind !== 'host') continue;
    for (const alias of block.patterns.filter(isConcreteAlias)) {
      if (seen.has(alias)) continue;
      seen.add(alias);
      const values = optionsFor(alias, blocks);
      const hostName = treeFields.hostName.safeParse(expandTokens(values.get('hostname') ?? alias, alias));
      const label = treeFields.label.safeParse(alias);
      const port = values.has('port') ? Number(values.get('port')) : undefined;
      const jump = values.get('proxyjump');
      const settings = HostSettings.safeParse({
        user: values.get('user'),
        port,
        identityFile: values.get('identityfile'),
        jumpHost: jump === 'none' ? undefined : jump,
      });
      if (!hostName.success || !label.success || !settings.success) {
        skipped++;
        continue;
      }
      hosts.push({ label: label.data, hostName: hostName.data, settings: settings.data });
    }
  }
  return { hosts, skipped };
}

function optionsFor(alias: string, blocks: readonly SshConfigBlock[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const block of blocks) {
    if (block.kind !== 'host' || !hostPatternsMatch(block.patterns, alias)) continue;
    for (const option of block.options) {
      const keyword = WANTED.find((wanted) => wanted === option.keyword);
      const first = option.args[0];
      if (keyword && first !== undefined && !values.has(keyword)) values.set(keyword, first);
    }
  }
  return values;
}

function expandTokens(hostName: string, alias: string): string {
  return hostName.replace(/%([%h])/g, (_, token: string) => (token === 'h' ? alias : '%'));
}
