import { useEffect, useState } from 'react';
import type { AgentApprovalAnswer, PendingAgentApproval } from '../../../../src-preload/api';
import { useServices } from '../../app/AppServices';
import { errorMessage } from '../../app/errorMessage';
import { useNow } from '../SessionStatus/useNow';
import { Dialog } from '../TreeDialogs/Dialog';
import './AgentApprovalDialog.css';

const WHAT: Record<PendingAgentApproval['tool'], string> = {
  open_session: 'open a session on',
  exec: 'run a command on',
  send_keys: 'type into its session on',
  write_file: 'write a file on',
  run_on_hosts: 'run a command on',
};

/**
 * Settings → Agents says "ask": an agent (`muxdeck mcp`) waits for the user's word. Names the client, the
 * host and the exact command; Deny has the focus, and no answer before the deadline is a deny (in main).
 * Every window shows the same prompts; the first answer wins.
 */
export function AgentApprovalDialog() {
  const { client, store } = useServices();
  const [pending, setPending] = useState<readonly PendingAgentApproval[]>([]);
  const now = useNow(1000, pending.length > 0);

  useEffect(() => {
    let eventSeen = false;
    const stop = client.on('agents:approvals', (payload) => {
      eventSeen = true;
      setPending(payload.pending);
    });
    client.invoke('agents:approvals', {}).then(
      (list) => {
        if (!eventSeen) setPending(list);
      },
      // An older main process has no approvals: nothing to show.
      () => undefined,
    );
    return stop;
  }, [client]);

  const current = pending[0];
  if (!current) return null;
  const answer = (reply: AgentApprovalAnswer) => {
    setPending((list) => list.filter((item) => item.id !== current.id));
    client.invoke('agents:answer', { id: current.id, answer: reply }).catch((error: unknown) => {
      store.getState().notify(`Could not answer the agent: ${errorMessage(error)}`);
    });
  };
  const secondsLeft = Math.max(0, Math.ceil((current.expiresAt - now) / 1000));
  return (
    <Dialog
      key={current.id}
      title={`Allow ${current.client} on ${current.host}?`}
      onClose={() => answer('deny')}
    >
      <div className="agent-approval" data-testid="agent-approval">
        <p className="dialog-message">
          The agent <strong className="agent-approval-client">{current.client}</strong> wants to{' '}
          {WHAT[current.tool]} <strong className="agent-approval-host">{current.host}</strong>.
        </p>
        {current.command !== undefined ? (
          <pre className="agent-approval-command" aria-label="Command">
            {current.command}
          </pre>
        ) : null}
        <p className="agent-approval-deadline">
          No answer in {secondsLeft} s denies it.
          {pending.length > 1 ? ` ${pending.length - 1} more waiting.` : ''}
        </p>
      </div>
      <div className="dialog-footer">
        <button
          type="button"
          className="dialog-button is-danger"
          data-autofocus
          onClick={() => answer('deny')}
        >
          Deny
        </button>
        <button type="button" className="dialog-button" onClick={() => answer('session')}>
          Approve for this session
        </button>
        <button type="button" className="dialog-button" onClick={() => answer('once')}>
          Approve once
        </button>
      </div>
    </Dialog>
  );
}
