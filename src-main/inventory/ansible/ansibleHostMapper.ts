/**
 * From an inventory host and its merged variables to what Muxdeck needs to open ssh to
 * it. ansible's own rules (constants.py MAGIC_VARIABLE_MAPPING): `ansible_ssh_host`
 * beats `ansible_host`, and likewise for user, port and key file; the connection plugin
 * defaults to `smart` (ssh) in ansible-core 2.14.
 *
 * Inventory data is hostile: every value that would reach ssh is checked here, and a
 * host whose values cannot be used keeps a `problem` (the tree shows it, ssh never sees
 * it). Templates (`{{ ... }}`) are not rendered and vault values never decrypted: a host
 * that depends on one for its address cannot be connected to as declared.
 */
import type { Host } from '../../../src-preload/api';
import { hostNameProblem } from '../../ssh/hostNameValidation';
import { ALL, UNGROUPED, type InventoryModel } from './inventoryModel';
import {
  pythonTypeName,
  UnsafeValue,
  VaultValue,
  type InventoryMap,
  type InventoryValue,
} from './inventoryValue';
import { hasControlCharacter, sortPythonStrings } from './pythonText';
import { scanSshArgs, type SshArgsRoute } from './sshArgsScan';

export type AnsibleConnectionKind = 'ssh' | 'network' | 'other';

/** Everything Muxdeck reads from one Ansible host; Host (api.ts) is the part the tree shows. */
export interface AnsibleHostConnection {
  /** `<source id>:<inventory hostname>`, e.g. `ansible:prod:web1.example.com`. */
  id: string;
  sourceId: string;
  inventoryHostname: string;
  /** What ssh is pointed at: ansible_ssh_host / ansible_host, else the inventory hostname. */
  address: string;
  port?: number;
  user?: string;
  /** ansible_ssh_private_key_file / ansible_private_key_file, as written (ssh expands `~`). */
  identityFile?: string;
  /** From `-J` / `-o ProxyJump=`, or what a plain `ssh -W %h:%p bastion` ProxyCommand amounts to. */
  proxyJump?: string;
  /** A ProxyCommand as written: shown to the user, run by ssh only when the source allows it. */
  proxyCommand?: string;
  /** The other arguments of ansible_ssh_common_args / ansible_ssh_extra_args: shown, not applied. */
  otherSshArgs: string[];
  /** ansible_connection without its collection prefix (`smart` when unset), and what it means here. */
  connection: { plugin: string; kind: AnsibleConnectionKind };
  /**
   * Every folder the host appears in: one path per chain of groups from a top-level group
   * down to a group that lists the host, outermost first; `[]` is the source's top level
   * (a host only in `ungrouped`). A host in several groups appears in each, as one host.
   */
  groupPaths: string[][];
  /** The path Host.groups carries: to the host's most specific group (the one whose vars win). */
  primaryGroupPath: string[];
  /** Every group the host is in, directly or through children (ansible's group_names), sorted. */
  groupNames: string[];
  /** The inventory sets ansible_password / ansible_ssh_pass; Muxdeck never imports it. */
  declaresPassword: boolean;
  /** Values that could not be used and why (a template, a vault value, a bad port...). */
  notes: string[];
  /** Set when ssh cannot be pointed at this host as declared; the reason, for the user. */
  problem?: string;
}

export interface HostMappingOptions {
  sourceId: string;
  /** Run a host's ProxyCommand (through ssh) instead of refusing hosts that need one. */
  allowProxyCommand?: boolean;
}

/** More folder paths than this for one host is a pathological group graph; the first ones are kept. */
const MAX_GROUP_PATHS = 64;
const MAX_HOST_ID_LENGTH = 1024;
const SSH_PLUGINS = new Set(['ssh', 'smart', 'paramiko', 'paramiko_ssh']);
const NETWORK_PLUGINS = new Set(['network_cli', 'netconf']);

export function mapAnsibleHost(
  model: InventoryModel,
  hostName: string,
  vars: InventoryMap,
  options: HostMappingOptions,
): AnsibleHostConnection {
  const notes: string[] = [];
  const problems: string[] = [];
  const text = (names: readonly string[]) => textVariable(vars, names, notes, problems);

  const address = text(['ansible_ssh_host', 'ansible_host']) ?? hostName;
  const port = portVariable(vars, notes, problems);
  const user = text(['ansible_ssh_user', 'ansible_user']);
  const identityFile = text(['ansible_ssh_private_key_file', 'ansible_private_key_file']);
  const connection = connectionOf(vars);
  const route = scanSshArgs(
    ['ansible_ssh_common_args', 'ansible_ssh_extra_args'].flatMap((name) => {
      const value = vars.get(name);
      return typeof value === 'string' || value instanceof UnsafeValue ? [plainText(value)] : [];
    }),
  );

  const addressProblem = hostNameProblem(address);
  if (addressProblem) problems.push(`address ${JSON.stringify(address)}: ${addressProblem}`);
  if (user !== undefined && userProblem(user))
    problems.push(`ansible_user ${JSON.stringify(user)}: ${userProblem(user)}`);
  if (identityFile !== undefined && hasControlCharacter(identityFile)) {
    problems.push('the private key file name contains a control character');
  } else if (identityFile !== undefined && !/^[~/]/.test(identityFile)) {
    // ansible resolves it from the directory ansible runs in, which Muxdeck cannot know.
    notes.push(
      `the private key file ${identityFile} is a relative path; ssh resolves it from Muxdeck's directory`,
    );
  }
  if (connection.kind === 'other') {
    problems.push(`ansible_connection is ${connection.plugin}: Muxdeck connects with ssh only`);
  }
  const proxyJump = jumpHost(route, options.allowProxyCommand === true, notes, problems);

  const paths = groupPaths(model, hostName);
  return {
    id: `${options.sourceId}:${hostName}`,
    sourceId: options.sourceId,
    inventoryHostname: hostName,
    address,
    ...(port === undefined ? {} : { port }),
    ...(user === undefined ? {} : { user }),
    ...(identityFile === undefined ? {} : { identityFile }),
    ...(proxyJump === undefined ? {} : { proxyJump }),
    ...(route.proxyCommand === undefined ? {} : { proxyCommand: route.proxyCommand }),
    otherSshArgs: route.otherArgs,
    connection,
    groupPaths: paths,
    primaryGroupPath: primaryPath(model, hostName, paths),
    groupNames: sortPythonStrings([...model.groupsOfHost(hostName)].filter((g) => g !== ALL)),
    declaresPassword: vars.has('ansible_password') || vars.has('ansible_ssh_pass'),
    notes,
    ...(problems.length > 0 ? { problem: problems.join('; ') } : {}),
  };
}

/** The tree's view of a mapped host (the contract's Host). */
export function toHost(connection: AnsibleHostConnection): Host {
  return {
    id: connection.id,
    label: connection.inventoryHostname,
    address: connection.address,
    ...(connection.user === undefined ? {} : { user: connection.user }),
    ...(connection.port === undefined ? {} : { port: connection.port }),
    sourceId: connection.sourceId,
    groups: connection.primaryGroupPath,
    ...(connection.problem === undefined ? {} : { problem: connection.problem }),
  };
}

export function hostIdTooLong(connection: AnsibleHostConnection): boolean {
  return connection.id.length > MAX_HOST_ID_LENGTH;
}

/**
 * The ssh options for a mapped host, each value in its own argv element (never parsed by
 * a shell). Only for hosts without a problem; placed before `--` and the destination.
 */
export function sshOptionsFor(
  connection: AnsibleHostConnection,
  options: { allowProxyCommand?: boolean },
): string[] {
  if (connection.problem !== undefined) return [];
  const argv: string[] = [];
  if (connection.port !== undefined) argv.push('-p', String(connection.port));
  if (connection.user !== undefined) argv.push('-l', connection.user);
  if (connection.identityFile !== undefined) argv.push('-i', connection.identityFile);
  if (connection.proxyJump !== undefined) argv.push('-J', connection.proxyJump);
  else if (connection.proxyCommand !== undefined && options.allowProxyCommand) {
    argv.push('-o', `ProxyCommand=${connection.proxyCommand}`);
  }
  return argv;
}

/**
 * The jump host ssh should use: -J / ProxyJump as written, else (ProxyCommands not allowed)
 * what a plain `ssh -W %h:%p bastion` ProxyCommand amounts to. A ProxyCommand that is not a
 * plain jump makes the host unreachable unless the source allows ProxyCommands.
 */
function jumpHost(
  route: SshArgsRoute,
  allowProxyCommand: boolean,
  notes: string[],
  problems: string[],
): string | undefined {
  let jump = route.proxyJump;
  if (jump === undefined && route.proxyCommand !== undefined) {
    if (hasControlCharacter(route.proxyCommand)) {
      problems.push('the ProxyCommand contains a control character');
    } else if (!allowProxyCommand && route.proxyCommandJump !== undefined) {
      jump = route.proxyCommandJump;
      notes.push(
        `ProxyCommand ${JSON.stringify(route.proxyCommand)} is used as jump host ${jump} ` +
          '(its options other than user and port are not carried over)',
      );
    } else if (!allowProxyCommand) {
      problems.push(
        `it needs ProxyCommand ${JSON.stringify(route.proxyCommand)}, and running it is not allowed for this source`,
      );
    }
  }
  const jumpProblem = jump === undefined ? undefined : jumpHostProblem(jump);
  if (jumpProblem) problems.push(`jump host ${JSON.stringify(jump)}: ${jumpProblem}`);
  return jump;
}

function textVariable(
  vars: InventoryMap,
  names: readonly string[],
  notes: string[],
  problems: string[],
): string | undefined {
  const name = names.find((n) => vars.has(n));
  if (name === undefined) return undefined;
  const value = vars.get(name) ?? null;
  if (value instanceof VaultValue) {
    problems.push(`${name} is vault-encrypted; Muxdeck does not decrypt it`);
    return undefined;
  }
  if (value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value !== 'string' && !(value instanceof UnsafeValue)) {
    notes.push(`${name} is not a string; ignored`);
    return undefined;
  }
  const text = plainText(value);
  if (isTemplate(text)) {
    problems.push(`${name} is a template (${text}); Muxdeck does not render templates`);
    return undefined;
  }
  return text;
}

function portVariable(vars: InventoryMap, notes: string[], problems: string[]): number | undefined {
  const name = ['ansible_ssh_port', 'ansible_port'].find((n) => vars.has(n));
  if (name === undefined) return undefined;
  const value = vars.get(name) ?? null;
  if (value === null) return undefined;
  const text = typeof value === 'number' || typeof value === 'bigint' ? String(value) : plainTextOf(value);
  if (text !== undefined && isTemplate(text)) {
    problems.push(`${name} is a template (${text}); Muxdeck does not render templates`);
    return undefined;
  }
  const port = text !== undefined && /^\s*[0-9]+\s*$/.test(text) ? Number(text) : NaN;
  if (Number.isInteger(port) && port >= 1 && port <= 65535) return port;
  problems.push(`${name} is not a port number (${text ?? pythonTypeName(value)})`);
  notes.push(`${name} ignored`);
  return undefined;
}

function connectionOf(vars: InventoryMap): AnsibleHostConnection['connection'] {
  const raw = plainTextOf(vars.get('ansible_connection') ?? null) ?? 'smart';
  // ansible.builtin.ssh, ansible.netcommon.network_cli...: the plugin is the last part.
  const plugin = raw.split('.').at(-1) ?? raw;
  const kind = SSH_PLUGINS.has(plugin) ? 'ssh' : NETWORK_PLUGINS.has(plugin) ? 'network' : 'other';
  return { plugin, kind };
}

function userProblem(user: string): string | undefined {
  if (user === '') return 'the user name is empty';
  if (user.startsWith('-')) return 'a user name must not start with "-"';
  if (hasControlCharacter(user) || /[\s@:/]/.test(user))
    return 'the user name contains white space, a control character, "@", ":" or "/"';
  return undefined;
}

function jumpHostProblem(jump: string): string | undefined {
  if (jump.toLowerCase() === 'none') return undefined;
  for (const hop of jump.split(',')) {
    const problem = hostNameProblem(hop);
    if (problem) return problem;
  }
  return undefined;
}

/** One path per chain of groups from a child of `all` down to each group listing the host. */
function groupPaths(model: InventoryModel, hostName: string): string[][] {
  const direct = model.hosts.get(hostName)?.groups ?? new Set<string>();
  const paths: string[][] = [];
  const chainsTo = (group: string, below: string[], visiting: Set<string>): void => {
    if (paths.length >= MAX_GROUP_PATHS || visiting.has(group)) return;
    const parents = model.groups.get(group)?.parents ?? [];
    visiting.add(group);
    for (const parent of parents) {
      if (parent === ALL) paths.push([group, ...below]);
      else chainsTo(parent, [group, ...below], visiting);
    }
    visiting.delete(group);
  };
  for (const group of direct) {
    if (group === ALL) continue;
    if (group === UNGROUPED) paths.push([]);
    else chainsTo(group, [], new Set());
  }
  return paths.length > 0 ? paths : [[]];
}

function primaryPath(model: InventoryModel, hostName: string, paths: string[][]): string[] {
  const direct = [...(model.hosts.get(hostName)?.groups ?? [])].filter((g) => g !== ALL && g !== UNGROUPED);
  const mostSpecific = model.sortGroups(direct).at(-1);
  return paths.find((path) => path.at(-1) === mostSpecific) ?? paths[0] ?? [];
}

function plainText(value: string | UnsafeValue): string {
  return value instanceof UnsafeValue ? value.text : value;
}

function plainTextOf(value: InventoryValue): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof UnsafeValue) return value.text;
  return undefined;
}

/** ansible's is_template, roughly: a Jinja expression or statement. */
function isTemplate(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}
