import {
  jumpsThroughItself,
  MANUAL_SOURCE_ID,
  selfJumpMessage,
  type Host,
  type JumpNames,
  type SourceStatus,
} from '../../../../src-preload/api';
import { formatDestination } from './treeEntries.logic';

/** A tree host offered as a jump host: `value` is what ssh is told, `label` what the user reads. */
export interface JumpChoice {
  value: string;
  label: string;
}

/** A datalist of every host of a large inventory helps nobody and costs the form its speed. */
const MOST_CHOICES = 2_000;

/**
 * The tree's hosts as jump host choices. ssh knows an ssh config host by its alias; any other host by
 * [user@]address[:port], since its name in the tree means nothing to ssh. The host being edited is left out.
 */
export function jumpChoices(
  hosts: readonly Host[],
  sources: readonly SourceStatus[],
  exceptHostId?: string,
): JumpChoice[] {
  const kinds = new Map(sources.map((source) => [source.id, source.kind]));
  const labels = new Map(sources.map((source) => [source.id, source.label]));
  const seen = new Set<string>();
  const choices: JumpChoice[] = [];
  for (const host of hosts) {
    if (host.id === exceptHostId || host.problem) continue;
    const value =
      kinds.get(host.sourceId) === 'ssh-config'
        ? host.label
        : formatDestination(host.address, host.user, host.port);
    if (!value || seen.has(value)) continue;
    seen.add(value);
    const source =
      host.sourceId === MANUAL_SOURCE_ID ? 'My hosts' : (labels.get(host.sourceId) ?? host.sourceId);
    choices.push({ value, label: value === host.label ? source : `${host.label} · ${source}` });
    if (choices.length >= MOST_CHOICES) break;
  }
  return choices.sort((a, b) => a.value.localeCompare(b.value));
}

/** The form's warning when the jump host it would use (its own, else the inherited one) is the host itself. */
export function selfJumpWarning(
  names: readonly JumpNames[],
  ownJumpHost: string,
  inheritedJumpHost: string | undefined,
): string | undefined {
  const jump = ownJumpHost.trim() || inheritedJumpHost;
  if (!jump) return undefined;
  return names.some((name) => jumpsThroughItself(name, jump)) ? selfJumpMessage(jump) : undefined;
}
