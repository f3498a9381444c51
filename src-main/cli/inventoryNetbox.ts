import { toAnsibleInventory, ansibleInventoryText } from '../inventory/netbox/netboxAnsibleList';
import {
  withDefaults,
  type NetboxKinds,
  type NetboxSourceSettingsInput,
  parseGroupLevel,
} from '../inventory/netbox/netboxConfig';
import { NetboxError } from '../inventory/netbox/netboxErrors';
import type { NetboxHttp } from '../inventory/netbox/netboxHttp';
import { importFromNetbox, type NetboxImportResult } from '../inventory/netbox/netboxImport';
import { NETBOX_SOURCE_PREFIX } from '../inventory/netbox/netboxSource';
import {
  NETBOX_TOKEN_ENV,
  envTokenProvider,
  type NetboxTokenProvider,
} from '../inventory/netbox/netboxToken';
import { createNetboxHttp, type NetboxTlsSettings } from '../inventory/netbox/netboxTransport';
import { parseNetboxUrl } from '../inventory/netbox/netboxUrl';
import { nodeFileReader } from '../platform/nodeFileReader';
import { streamLogger } from '../platform/streamLogger';
import type { Logger } from '../ports';
import type { CliContext } from './cliContext';

/** `muxdeck inventory --netbox URL ...`: what the dispatcher parsed (flags beyond URL and filters are optional). */
export interface NetboxCliInput {
  url: string;
  filters: string[];
  /** --netbox-ca FILE */
  ca?: string;
  /** --netbox-insecure */
  insecure?: boolean;
  /** --netbox-kind devices|vms|both */
  kind?: string;
  /** --netbox-group-by site,role (comma-separated levels, outermost first; "none" for no folders) */
  groupBy?: string;
  /** --netbox-address primary-ip4,primary-ip6,dns-name,name */
  address?: string;
  /** --netbox-user-from / --netbox-port-from cf:ssh_user,context:ssh.user */
  userFrom?: string;
  portFrom?: string;
  /** --netbox-concurrency N, --netbox-page-size N, --netbox-timeout SECONDS */
  concurrency?: string;
  pageSize?: string;
  timeout?: string;
}

export interface NetboxCliDeps {
  /** Where the token comes from; the app's keychain plugs in here later. Default: MUXDECK_NETBOX_TOKEN. */
  tokenProvider?: NetboxTokenProvider;
  createHttp?: (tls: NetboxTlsSettings) => Promise<NetboxHttp>;
}

export async function listNetboxInventory(
  input: NetboxCliInput,
  ctx: CliContext,
  deps: NetboxCliDeps = {},
): Promise<number> {
  let settings: NetboxSourceSettingsInput;
  try {
    settings = settingsFromFlags(input);
  } catch (error) {
    ctx.stderr(`muxdeck inventory: ${messageOf(error)}`);
    return 2;
  }
  const token = await (deps.tokenProvider ?? envTokenProvider(ctx.env))();
  if (token === undefined) {
    ctx.stderr(
      `muxdeck inventory: no NetBox API token. Set ${NETBOX_TOKEN_ENV} to a read-only API token ` +
        '(NetBox: User menu › API Tokens; a v1 token is 40 hex characters, a NetBox 4.5+ v2 token looks like nbt_<key>.<secret>), e.g.\n' +
        `  ${NETBOX_TOKEN_ENV}=<token> npx muxdeck inventory --netbox ${input.url} --list`,
    );
    return 2;
  }

  const full = withDefaults(settings);
  let result: NetboxImportResult;
  try {
    const tls: NetboxTlsSettings = {
      ...(full.caFile ? { caFile: full.caFile } : {}),
      ...(full.insecureSkipVerify ? { insecureSkipVerify: true } : {}),
    };
    const http = await (deps.createHttp ?? ((t) => createNetboxHttp(t, nodeFileReader)))(tls);
    try {
      result = await importFromNetbox(
        { sourceId: `${NETBOX_SOURCE_PREFIX}:${cliSourceId(full.url)}`, settings: full, token },
        { http, logger: warningsOnly(streamLogger((line) => ctx.log(line))) },
      );
    } finally {
      await http.close();
    }
  } catch (error) {
    ctx.stderr(`muxdeck inventory: ${messageOf(error)}`);
    return 1;
  }

  if (full.insecureSkipVerify) {
    ctx.stderr('muxdeck inventory: WARNING: TLS certificate verification is off (--netbox-insecure).');
  }
  for (const warning of result.warnings) ctx.stderr(`muxdeck inventory: ${warning}`);
  ctx.stdout(ansibleInventoryText(toAnsibleInventory(result.hosts)));
  ctx.stderr(`muxdeck inventory: ${summary(result)}`);
  return 0;
}

function settingsFromFlags(input: NetboxCliInput): NetboxSourceSettingsInput {
  parseNetboxUrl(input.url);
  const list = (text: string | undefined) =>
    text === undefined
      ? undefined
      : text
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  const groupBy = list(input.groupBy);
  const address = list(input.address);
  const userFrom = list(input.userFrom);
  const portFrom = list(input.portFrom);
  const concurrency = integerFlag('--netbox-concurrency', input.concurrency);
  const pageSize = integerFlag('--netbox-page-size', input.pageSize);
  const timeoutSeconds = input.timeout === undefined ? undefined : Number(input.timeout);
  if (timeoutSeconds !== undefined && !(timeoutSeconds > 0)) {
    throw new NetboxError(
      'config',
      `--netbox-timeout needs a number of seconds, not ${JSON.stringify(input.timeout)}.`,
    );
  }
  return {
    url: input.url,
    kinds: kindFlag(input.kind),
    filters: { query: input.filters },
    ...(input.ca ? { caFile: input.ca } : {}),
    ...(input.insecure ? { insecureSkipVerify: true } : {}),
    mapping: {
      ...(groupBy ? { groupBy: groupBy.filter((g) => g !== 'none').map(parseGroupLevel) } : {}),
      ...(address ? { addressFrom: address } : {}),
      ...(userFrom ? { userFrom } : {}),
      ...(portFrom ? { portFrom } : {}),
    },
    fetch: {
      ...(concurrency !== undefined ? { concurrency } : {}),
      ...(pageSize !== undefined ? { pageSize } : {}),
      ...(timeoutSeconds !== undefined ? { requestTimeoutMs: Math.round(timeoutSeconds * 1000) } : {}),
    },
  };
}

function kindFlag(kind: string | undefined): NetboxKinds {
  switch (kind) {
    case undefined:
    case 'both':
      return 'both';
    case 'devices':
    case 'device':
      return 'devices';
    case 'vms':
    case 'vm':
      return 'vms';
    default:
      throw new NetboxError(
        'config',
        `--netbox-kind must be devices, vms or both, not ${JSON.stringify(kind)}.`,
      );
  }
}

function integerFlag(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()))
    throw new NetboxError('config', `${flag} needs a whole number, not ${JSON.stringify(text)}.`);
  return Number(text);
}

/** The CLI has no stored source: its host ids are keyed on the NetBox host, stable across runs. */
function cliSourceId(url: string): string {
  return parseNetboxUrl(url).host.replace(/[^A-Za-z0-9.-]/g, '_');
}

function summary(result: NetboxImportResult): string {
  const problems = result.hosts.filter((h) => h.host.problem).length;
  const { stats } = result;
  const parts = [
    `${stats.devices} device${stats.devices === 1 ? '' : 's'} and ${stats.vms} VM${stats.vms === 1 ? '' : 's'}`,
    `from NetBox ${result.version?.text ?? '(version unknown)'}`,
    `in ${(stats.durationMs / 1000).toFixed(1)} s`,
    `(${stats.requests} request${stats.requests === 1 ? '' : 's'}${stats.retries ? `, ${stats.retries} retried` : ''})`,
  ];
  const tail =
    problems > 0
      ? `; ${problems} host${problems === 1 ? '' : 's'} cannot be connected to (see muxdeck_problem)`
      : '';
  return `${parts.join(' ')}${tail}.`;
}

function warningsOnly(logger: Logger): Logger {
  return { info: () => undefined, warn: (m, f) => logger.warn(m, f), error: (m, f) => logger.error(m, f) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
