import type { Host } from '../../../src-preload/api';
import { hostNameProblem } from '../../ssh/hostNameValidation';
import { hasHiddenCharacters, visibleText } from './displayText';
import {
  parseGroupLevel,
  parseSource,
  type GroupLevel,
  type NetboxMappingOptions,
  type ParsedSource,
} from './netboxConfig';
import type { NetboxKind } from './netboxFilters';
import { groupPaths, type GroupStep } from './netboxGrouping';
import {
  checkAddress,
  checkPort,
  checkUser,
  describeSource,
  sourceValue,
  type Checked,
} from './netboxHostValues';
import type { NetboxRecord } from './netboxRecord';

/** What a NetBox host carries beyond the shared Host model (see the report on what to add to it). */
export interface NetboxHostDetails {
  kind: NetboxKind;
  netboxId: number;
  /** The NetBox name as stored (may be null, hostile, or a duplicate). */
  name: string | null;
  /** Which address source gave `host.address` (`primary-ip4`, `dns-name`...). */
  addressSource?: string;
  /** Every folder path of the host (Host.groups holds the first): several when grouped by tag. */
  groupPaths: GroupStep[][];
  status: string | null;
  tags: string[];
  /** The object's page in NetBox's web UI. */
  webUrl?: string;
  /** Things the user may want to know that do not stop a connection. */
  warnings: string[];
}

export interface MappedNetboxHost {
  host: Host;
  details: NetboxHostDetails;
  record: NetboxRecord;
}

export interface CompiledMapping {
  address: ParsedSource[];
  user: ParsedSource[];
  port: ParsedSource[];
  groupBy: GroupLevel[];
}

/** Validates the mapping settings once, before any host is mapped. */
export function compileMapping(options: NetboxMappingOptions): CompiledMapping {
  return {
    address: options.addressFrom.map((s) => parseSource(s, 'address')),
    user: options.userFrom.map((s) => parseSource(s, 'user')),
    port: options.portFrom.map((s) => parseSource(s, 'port')),
    groupBy: [...new Set(options.groupBy.map(parseGroupLevel))],
  };
}

export function netboxHostId(sourceId: string, record: Pick<NetboxRecord, 'kind' | 'id'>): string {
  return `${sourceId}:${record.kind === 'device' ? 'device' : 'vm'}:${record.id}`;
}

/**
 * A NetBox device or VM as a Muxdeck host. Pure. A host whose address, user or port cannot be
 * used safely is kept with `problem` set (the tree shows it, nothing connects to it); nothing
 * read from NetBox ever reaches ssh unchecked.
 */
export function mapNetboxRecord(
  record: NetboxRecord,
  mapping: CompiledMapping,
  sourceId: string,
): MappedNetboxHost {
  const problems: string[] = [];
  const warnings: string[] = [];

  const address = pickAddress(record, mapping.address);
  if (address.ok) {
    if (address.notes.length > 0) warnings.push(...address.notes);
  } else {
    problems.push(address.reason);
  }
  const user = pickSetting(record, mapping.user, checkUser, 'ssh user');
  if (user.problem) problems.push(user.problem);
  const port = pickSetting(record, mapping.port, checkPort, 'ssh port');
  if (port.problem) problems.push(port.problem);

  warnings.push(...nameWarnings(record));

  const paths = groupPaths(record, mapping.groupBy);
  const host: Host = {
    id: netboxHostId(sourceId, record),
    label: visibleText(record.name ?? record.display),
    ...(address.ok ? { address: address.value } : {}),
    ...(user.value !== undefined ? { user: user.value } : {}),
    ...(port.value !== undefined ? { port: port.value } : {}),
    sourceId,
    groups: (paths[0] ?? []).map((step) => step.folder),
    ...(problems.length > 0 ? { problem: problems.join(' ') } : {}),
  };
  return {
    host,
    details: {
      kind: record.kind,
      netboxId: record.id,
      name: record.name,
      ...(address.ok ? { addressSource: address.source } : {}),
      groupPaths: paths,
      status: record.status,
      tags: record.tags.map((t) => t.slug ?? t.name),
      ...(record.webUrl ? { webUrl: record.webUrl } : {}),
      warnings,
    },
    record,
  };
}

type AddressChoice =
  { ok: true; value: string; source: string; notes: string[] } | { ok: false; reason: string };

/** The first source with a usable address wins; unusable ones are skipped with a note. */
function pickAddress(record: NetboxRecord, sources: readonly ParsedSource[]): AddressChoice {
  const notes: string[] = [];
  const missing: string[] = [];
  for (const source of sources) {
    const raw = sourceValue(record, source);
    if (raw === undefined) {
      missing.push(describeSource(source));
      continue;
    }
    const checked = checkAddress(raw);
    if (checked.ok) {
      if (checked.note) notes.push(checked.note);
      return { ok: true, value: checked.value, source: sourceName(source), notes };
    }
    notes.push(`Skipped the ${describeSource(source)}: ${checked.reason}.`);
  }
  const reasons = [...notes, ...(missing.length > 0 ? [`No ${missing.join(', no ')} in NetBox.`] : [])];
  return {
    ok: false,
    reason: `No usable address to connect to. ${reasons.join(' ')}`.trim(),
  };
}

/**
 * The first source that holds a value decides. A value that is present but unsafe is a
 * problem, not a reason to fall through: connecting as another user or port than the one
 * NetBox names would be a surprise.
 */
function pickSetting<T>(
  record: NetboxRecord,
  sources: readonly ParsedSource[],
  check: (value: unknown) => Checked<T>,
  what: string,
): { value?: T; problem?: string } {
  for (const source of sources) {
    const raw = sourceValue(record, source);
    if (raw === undefined) continue;
    const checked = check(raw);
    if (checked.ok) return { value: checked.value };
    return { problem: `Unsafe ${what} in the ${describeSource(source)}: ${checked.reason}.` };
  }
  return {};
}

function sourceName(source: ParsedSource): string {
  if (source.from === 'cf') return `cf:${source.key}`;
  if (source.from === 'context') return `context:${source.path.join('.')}`;
  return source.from;
}

/** The name is only a label (ssh gets the checked address), but a suspicious one deserves a word. */
function nameWarnings(record: NetboxRecord): string[] {
  if (record.name === null) {
    return [`The ${kindName(record)} has no name in NetBox; shown as "${visibleText(record.display)}".`];
  }
  const notes: string[] = [];
  if (hasHiddenCharacters(record.name))
    notes.push('The NetBox name contains invisible or control characters (shown escaped).');
  const problem = hostNameProblem(record.name);
  if (problem)
    notes.push(`The NetBox name is not a valid host name (${problem}); it is shown, never passed to ssh.`);
  return notes;
}

function kindName(record: NetboxRecord): string {
  return record.kind === 'device' ? 'device' : 'virtual machine';
}
