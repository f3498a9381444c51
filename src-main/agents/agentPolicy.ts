import type { AgentDecision, AgentPolicy } from '../../src-preload/api';
import { selectHosts, type SelectionUniverse } from '../run/hostSelection';

/** The hosts a policy is judged against: the selection universe, plus each host's tags. */
export interface PolicyUniverse extends SelectionUniverse {
  tagsOf(hostId: string): readonly string[];
}

export type PolicyVerdict =
  | { decision: 'allow'; by: 'policy' | 'flag' }
  | { decision: 'deny'; by: 'policy'; rule?: string }
  | { decision: 'ask'; by: 'policy'; rule?: string };

const STRICTNESS: Record<AgentDecision, number> = { allow: 0, ask: 1, deny: 2 };

/**
 * What the policy says about one host. Every rule that matches counts and the strictest wins, so "allow
 * prod/**" with "deny tag:db" keeps the database hosts out. `--allow` pre-approves hosts the policy
 * would ask about, for this process only; it never lifts a deny.
 */
export function policyVerdict(
  hostId: string,
  policy: AgentPolicy,
  universe: PolicyUniverse,
  preApproved: ReadonlySet<string>,
): PolicyVerdict {
  let decision: AgentDecision | undefined;
  let rule: string | undefined;
  for (const candidate of policy.rules) {
    if (!ruleMatches(candidate.match, hostId, universe)) continue;
    if (decision === undefined || STRICTNESS[candidate.decision] > STRICTNESS[decision]) {
      decision = candidate.decision;
      rule = candidate.match;
    }
  }
  const final = decision ?? policy.default;
  if (final === 'deny') return { decision: 'deny', by: 'policy', ...(rule ? { rule } : {}) };
  if (final === 'allow') return { decision: 'allow', by: 'policy' };
  if (preApproved.has(hostId)) return { decision: 'allow', by: 'flag' };
  return { decision: 'ask', by: 'policy', ...(rule ? { rule } : {}) };
}

/** `tag:NAME`, or one item of the `muxdeck run --hosts` language; a rule that matches no host is no error here. */
export function ruleMatches(match: string, hostId: string, universe: PolicyUniverse): boolean {
  if (match.startsWith('tag:')) return universe.tagsOf(hostId).includes(match.slice(4));
  const selected = selectHosts([match], universe);
  return selected.ok && selected.hostIds.includes(hostId);
}
