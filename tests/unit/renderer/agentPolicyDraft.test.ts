import { describe, expect, it } from 'vitest';
import {
  draftOf,
  policyOf,
  ruleProblem,
} from '../../../src-renderer/src/components/SettingsDialog/agentPolicyDraft.logic';

/** Settings → Agents: what the form saves, and what it holds back while a rule cannot be saved. */
describe('the agent policy form', () => {
  it('saves the default and the rules, trimmed, in their order', () => {
    const draft = draftOf({ default: 'ask', rules: [{ match: 'prod/**', decision: 'deny' }] });
    const edited = {
      default: 'deny' as const,
      rules: [...draft.rules, { key: 9, match: '  tag:lab ', decision: 'allow' as const }],
    };
    expect(policyOf(edited)).toEqual({
      default: 'deny',
      rules: [
        { match: 'prod/**', decision: 'deny' },
        { match: 'tag:lab', decision: 'allow' },
      ],
    });
  });

  it('saves nothing while a rule names no hosts or holds control characters, and says why', () => {
    const empty = { key: 1, match: ' ', decision: 'allow' as const };
    const control = { key: 2, match: 'web\u0007', decision: 'allow' as const };
    expect(ruleProblem(empty)).toBe('say which hosts');
    expect(ruleProblem(control)).toMatch(/control/);
    expect(policyOf({ default: 'allow', rules: [empty] })).toBeUndefined();
    expect(policyOf({ default: 'allow', rules: [control] })).toBeUndefined();
  });
});
