import { useId, useRef, useState } from 'react';
import type { AgentDecision, AgentPolicy, AppSettingsPatch } from '../../../../src-preload/api';
import { draftOf, policyOf, ruleProblem, type PolicyDraft } from './agentPolicyDraft.logic';

const DECISIONS: Array<{ value: AgentDecision; label: string }> = [
  { value: 'allow', label: 'allow' },
  { value: 'ask', label: 'ask me' },
  { value: 'deny', label: 'deny' },
];

function DecisionSelect(props: {
  id?: string;
  label?: string;
  value: AgentDecision;
  onChange: (d: AgentDecision) => void;
}) {
  return (
    <select
      id={props.id}
      aria-label={props.label}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value as AgentDecision)}
    >
      {DECISIONS.map((d) => (
        <option key={d.value} value={d.value}>
          {d.label}
        </option>
      ))}
    </select>
  );
}

/**
 * Settings → Agents: what `muxdeck mcp` may do on which hosts. Rules use the `muxdeck run --hosts`
 * selectors or tag:NAME; the strictest matching rule wins. Saved as typed, once every rule is valid.
 */
export function AgentPolicyFields(props: { policy: AgentPolicy; onSave: (patch: AppSettingsPatch) => void }) {
  const id = useId();
  const nextKey = useRef(props.policy.rules.length);
  const [draft, setDraft] = useState<PolicyDraft>(() => draftOf(props.policy));
  const change = (next: PolicyDraft): void => {
    setDraft(next);
    const policy = policyOf(next);
    if (policy) props.onSave({ agents: policy });
  };
  const updateRule = (key: number, patch: Partial<PolicyDraft['rules'][number]>): void =>
    change({ ...draft, rules: draft.rules.map((rule) => (rule.key === key ? { ...rule, ...patch } : rule)) });

  return (
    <div className="agent-policy">
      <div className="terminal-settings-grid">
        <label htmlFor={`${id}-default`}>Other hosts</label>
        <div>
          <DecisionSelect
            id={`${id}-default`}
            value={draft.default}
            onChange={(decision) => change({ ...draft, default: decision })}
          />
          <p className="terminal-settings-help">
            What an agent may do where no rule below matches. “ask me” shows a prompt in this app; with no app
            running, it is refused.
          </p>
        </div>
      </div>
      <ul className="agent-policy-rules" aria-label="Agent rules">
        {draft.rules.map((rule, index) => {
          const problem = ruleProblem(rule);
          return (
            <li key={rule.key} className="agent-policy-rule">
              <input
                type="text"
                aria-label={`Rule ${index + 1} hosts`}
                placeholder="prod/**, @web, db-*, tag:db"
                value={rule.match}
                aria-invalid={problem !== undefined}
                onChange={(event) => updateRule(rule.key, { match: event.target.value })}
              />
              <DecisionSelect
                label={`Rule ${index + 1} decision`}
                value={rule.decision}
                onChange={(decision) => updateRule(rule.key, { decision })}
              />
              <button
                type="button"
                className="dialog-button"
                aria-label={`Remove rule ${index + 1}`}
                onClick={() => change({ ...draft, rules: draft.rules.filter((r) => r.key !== rule.key) })}
              >
                Remove
              </button>
              {problem ? (
                <p className="terminal-settings-help settings-error">
                  Rule {index + 1}: {problem} (not saved)
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className="dialog-button"
        onClick={() => {
          nextKey.current += 1;
          // An empty rule is not saved until it names hosts.
          setDraft({
            ...draft,
            rules: [...draft.rules, { key: nextKey.current, match: '', decision: 'allow' }],
          });
        }}
      >
        Add rule
      </button>
      <p className="terminal-settings-help">
        A rule names hosts as <code>muxdeck run --hosts</code> does (a label, a glob, <code>@group</code>, a
        tree path such as <code>prod/**</code>) or <code>tag:NAME</code>. Every matching rule counts and the
        strictest wins: deny, then ask, then allow.
      </p>
    </div>
  );
}
