import { AgentPolicy, AgentPolicyRule, type AgentDecision } from '../../../../src-preload/api';

/** A rule as being typed: kept in the form even while it cannot be saved. */
export interface RuleDraft {
  key: number;
  match: string;
  decision: AgentDecision;
}

export interface PolicyDraft {
  default: AgentDecision;
  rules: readonly RuleDraft[];
}

export function draftOf(policy: AgentPolicy, firstKey = 0): PolicyDraft {
  return {
    default: policy.default,
    rules: policy.rules.map((rule, index) => ({ key: firstKey + index, ...rule })),
  };
}

/** Why a rule cannot be saved, in the contract's own words (main checks again); undefined when it can. */
export function ruleProblem(rule: RuleDraft): string | undefined {
  const result = AgentPolicyRule.safeParse({ match: rule.match.trim(), decision: rule.decision });
  if (result.success) return undefined;
  return rule.match.trim() === '' ? 'say which hosts' : (result.error.issues[0]?.message ?? 'invalid');
}

/**
 * The policy to save, or undefined while a rule cannot be: nothing half-typed reaches the store, and
 * what was saved before stays in force meanwhile.
 */
export function policyOf(draft: PolicyDraft): AgentPolicy | undefined {
  if (draft.rules.some((rule) => ruleProblem(rule) !== undefined)) return undefined;
  const policy = {
    default: draft.default,
    rules: draft.rules.map((rule) => ({ match: rule.match.trim(), decision: rule.decision })),
  };
  return AgentPolicy.safeParse(policy).success ? policy : undefined;
}
