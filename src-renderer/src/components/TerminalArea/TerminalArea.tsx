import { useEffect, useRef } from 'react';
import { useAppState, useServices } from '../../app/AppServices';
import { EmptyState } from '../EmptyState/EmptyState';
import { TerminalPane } from '../TerminalPane/TerminalPane';
import './TerminalArea.css';

/**
 * Every tab's terminal stays mounted; only the active one is shown. Switching tabs is then instant and
 * background sessions keep their screen current.
 */
export function TerminalArea() {
  const { sizeHint } = useServices();
  const tabs = useAppState((state) => state.tabs);
  const sessions = useAppState((state) => state.sessions);
  const areaRef = useRef<HTMLDivElement>(null);

  // Lets the first session be opened at about the size it will be shown at.
  useEffect(() => {
    sizeHint.setAreaProbe(() => {
      const area = areaRef.current;
      return area ? { width: area.clientWidth, height: area.clientHeight } : null;
    });
    return () => sizeHint.setAreaProbe(null);
  }, [sizeHint]);

  return (
    <div ref={areaRef} className="terminal-area">
      {tabs.order.length === 0 ? <EmptyState /> : null}
      {tabs.order.map((id) => (
        <TerminalPane
          key={id}
          sessionId={id}
          label={sessions.find((session) => session.id === id)?.label ?? id}
          active={id === tabs.activeId}
        />
      ))}
    </div>
  );
}
