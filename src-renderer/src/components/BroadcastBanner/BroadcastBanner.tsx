import { useState } from 'react';
import { useStore } from 'zustand';
import { useActions, useAppState, useServices } from '../../app/AppServices';
import {
  bannerText,
  broadcastTargets,
  excludedCount,
  pushHistory,
  stepHistory,
} from '../../stores/workspace/broadcast.logic';
import { effectiveStatus } from '../../terminal/sessionStatus.logic';
import './BroadcastBanner.css';

/**
 * While a broadcast runs: what it reaches, how to stop it, who did not get the last input, and a line
 * editor that types into every target at once.
 */
export function BroadcastBanner() {
  const { input } = useServices();
  const actions = useActions();
  const broadcast = useAppState((state) => state.broadcast);
  const workspace = useAppState((state) => state.workspace);
  const missed = useStore(input.state, (state) => state.missed);
  const sessions = useAppState((state) => state.sessions);
  const [line, setLine] = useState('');
  const [history, setHistory] = useState<string[]>([]);
  const [index, setIndex] = useState<number | null>(null);

  if (!broadcast) return null;
  const targets = broadcastTargets(broadcast, workspace);
  const excluded = excludedCount(broadcast, workspace);
  const group = workspace.groups.find((candidate) => candidate.id === broadcast.groupId);
  const text = bannerText(targets.length, excluded);
  const down = targets.filter((id) => {
    const session = sessions.find((candidate) => candidate.id === id);
    return !session || effectiveStatus(session) !== 'connected';
  }).length;

  const send = (): void => {
    input.sendToAll(`${line}\r`);
    setHistory((current) => pushHistory(current, line));
    setIndex(null);
    setLine('');
  };

  return (
    <div role="region" aria-label="Broadcast" className="broadcast-banner">
      <div className="broadcast-status">
        <span role="status" className="broadcast-text">
          <strong>{text}</strong>
          {group ? <span className="broadcast-group"> · group {group.name}</span> : null}
          {down > 0 ? <span className="broadcast-down"> · {down} not connected, skipped</span> : null}
        </span>
        {missed > 0 ? (
          <span role="alert" className="broadcast-missed">
            {missed} disconnected {missed === 1 ? 'session' : 'sessions'} did not receive input
          </span>
        ) : null}
        <button
          type="button"
          className="broadcast-stop"
          title="Stop broadcasting (Esc Esc, or Ctrl+Shift+B)"
          onClick={() => actions.setBroadcast(() => null)}
        >
          Stop
        </button>
      </div>
      <input
        className="broadcast-input"
        aria-label="Broadcast input"
        placeholder="Type a line for every target, Enter sends it; ↑ ↓ history"
        value={line}
        onChange={(event) => {
          setLine(event.target.value);
          setIndex(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            send();
          } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
            event.preventDefault();
            const next = stepHistory(history, index, event.key === 'ArrowUp' ? -1 : 1);
            setIndex(next);
            setLine(next === null ? '' : (history[next] ?? ''));
          }
        }}
      />
    </div>
  );
}
