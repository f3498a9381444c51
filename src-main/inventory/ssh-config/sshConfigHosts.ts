import type { Host } from '../../../src-preload/api';
import { hostNameProblem } from '../../ssh/hostNameValidation';
import type { SshConfigBlock } from './sshConfigReader';

export const SSH_CONFIG_SOURCE_ID = 'ssh-config';

/** A Host pattern names a concrete host only when it has no wildcard and is not a negation. */
export function isConcreteAlias(pattern: string): boolean {
  return !/[*?]/.test(pattern) && !pattern.startsWith('!');
}

/**
 * The hosts a user can connect to by name: every concrete alias on a Host line, once,
 * in file order. HostName/User/Port are resolved with ssh's first-value-wins rule over
 * the Host sections that match, for display only: ssh itself resolves the real values.
 */
export function hostsFromSshConfig(blocks: readonly SshConfigBlock[]): Host[] {
  const seen = new Set<string>();
  const hosts: Host[] = [];
  for (const block of blocks) {
    if (block.kind !== 'host') continue;
    for (const alias of block.patterns.filter(isConcreteAlias)) {
      if (seen.has(alias)) continue;
      seen.add(alias);
      hosts.push(toHost(alias, effectiveOptions(alias, blocks)));
    }
  }
  return hosts;
}

function toHost(alias: string, options: ReadonlyMap<string, string>): Host {
  const hostName = options.get('hostname');
  const port = Number.parseInt(options.get('port') ?? '', 10);
  const user = options.get('user');
  const problem = hostNameProblem(alias);
  return {
    id: `${SSH_CONFIG_SOURCE_ID}:${alias}`,
    label: alias,
    address: hostName ? expandHostNameTokens(hostName, alias) : alias,
    ...(user ? { user } : {}),
    ...(port >= 1 && port <= 65535 ? { port } : {}),
    sourceId: SSH_CONFIG_SOURCE_ID,
    groups: [],
    ...(problem ? { problem } : {}),
  };
}

function effectiveOptions(alias: string, blocks: readonly SshConfigBlock[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const block of blocks) {
    if (block.kind !== 'host' || !hostPatternsMatch(block.patterns, alias)) continue;
    for (const option of block.options) {
      const first = option.args[0];
      if (first !== undefined && !values.has(option.keyword)) values.set(option.keyword, first);
    }
  }
  return values;
}

/** ssh's rule: a section applies when one pattern matches and no negated pattern does. */
export function hostPatternsMatch(patterns: readonly string[], alias: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (wildcardMatch(pattern.slice(1), alias)) return false;
    } else if (wildcardMatch(pattern, alias)) {
      matched = true;
    }
  }
  return matched;
}

function wildcardMatch(pattern: string, value: string): boolean {
  const source = [...pattern]
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i').test(value);
}

function expandHostNameTokens(hostName: string, alias: string): string {
  return hostName.replace(/%([%h])/g, (_, token: string) => (token === 'h' ? alias : '%'));
}
