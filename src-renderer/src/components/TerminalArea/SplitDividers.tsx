import { useRef, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { useServices } from '../../app/AppServices';
import {
  computeRects,
  resizeSplit,
  type Divider,
  type LayoutNode,
} from '../../stores/workspace/layout.logic';
import type { Tab } from '../../stores/workspace/workspace.logic';

/** One arrow key press moves a divider this far (of its split). */
const KEY_STEP = 0.02;

/**
 * The draggable lines between panes. Each is a focusable separator (arrow keys move it too); a drag
 * works on the layout as it was when the drag began, so the pane under the pointer follows it exactly.
 */
export function SplitDividers({ tab, areaRef }: { tab: Tab; areaRef: RefObject<HTMLDivElement | null> }) {
  const { actions } = useServices();
  const drag = useRef<{ start: LayoutNode; x: number; y: number; divider: Divider } | null>(null);
  const { dividers } = computeRects(tab.root);

  const setRoot = (root: LayoutNode): void =>
    actions.changeWorkspace((ws) => ({
      ...ws,
      tabs: ws.tabs.map((candidate) => (candidate.id === tab.id ? { ...candidate, root } : candidate)),
    }));

  const onPointerDown = (event: PointerEvent<HTMLDivElement>, divider: Divider): void => {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { start: tab.root, x: event.clientX, y: event.clientY, divider };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    const current = drag.current;
    const area = areaRef.current;
    if (!current || !area) return;
    const { divider } = current;
    const delta =
      divider.direction === 'row'
        ? (event.clientX - current.x) / Math.max(1, area.clientWidth * divider.parent.w)
        : (event.clientY - current.y) / Math.max(1, area.clientHeight * divider.parent.h);
    setRoot(resizeSplit(current.start, divider.path, divider.index, delta));
  };
  const onPointerUp = (): void => {
    drag.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, divider: Divider): void => {
    const back = divider.direction === 'row' ? 'ArrowLeft' : 'ArrowUp';
    const forward = divider.direction === 'row' ? 'ArrowRight' : 'ArrowDown';
    if (event.key !== back && event.key !== forward) return;
    event.preventDefault();
    setRoot(resizeSplit(tab.root, divider.path, divider.index, event.key === back ? -KEY_STEP : KEY_STEP));
  };

  return (
    <>
      {dividers.map((divider) => {
        const { rect } = divider;
        const row = divider.direction === 'row';
        const position = row
          ? (rect.x - divider.parent.x) / divider.parent.w
          : (rect.y - divider.parent.y) / divider.parent.h;
        return (
          <div
            key={`${divider.path.join('.')}:${divider.index}`}
            role="separator"
            aria-orientation={row ? 'vertical' : 'horizontal'}
            aria-label="Resize panes"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(position * 100)}
            tabIndex={0}
            className={`split-divider is-${row ? 'vertical' : 'horizontal'}`}
            style={
              row
                ? { left: `${rect.x * 100}%`, top: `${rect.y * 100}%`, height: `${rect.h * 100}%` }
                : { left: `${rect.x * 100}%`, top: `${rect.y * 100}%`, width: `${rect.w * 100}%` }
            }
            onPointerDown={(event) => onPointerDown(event, divider)}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
            onKeyDown={(event) => onKeyDown(event, divider)}
          />
        );
      })}
    </>
  );
}
