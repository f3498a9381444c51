import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { SIDEBAR_WIDTH_LIMITS } from '../../../../src-preload/api';
import { clampSidebarWidth, maxSidebarWidth, splitterKeyAction } from './sidebarWidth.logic';
import './Sidebar.css';

interface SidebarSplitterProps {
  /** The saved width. */
  width: number;
  /** Shows a width while dragging, without saving it: one write per drag, not one per frame. */
  preview: (width: number) => void;
  commit: (width: number) => void;
  hide: () => void;
}

interface Drag {
  pointerId: number;
  startX: number;
  startWidth: number;
}

/** The sidebar's right edge: drag it, or focus it and use the arrow keys, Home, End and Enter. */
export function SidebarSplitter({ width, preview, commit, hide }: SidebarSplitterProps) {
  const drag = useRef<Drag | null>(null);
  // What the splitter announces while a drag is under way; otherwise the saved width.
  const [dragged, setDragged] = useState<number | null>(null);
  const shown = dragged ?? width;

  const widthAt = (event: PointerEvent<HTMLDivElement>, current: Drag): number =>
    clampSidebarWidth(current.startWidth + event.clientX - current.startX, window.innerWidth);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    drag.current = { pointerId: event.pointerId, startX: event.clientX, startWidth: width };
    setDragged(width);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    const current = drag.current;
    if (!current || current.pointerId !== event.pointerId) return;
    const next = widthAt(event, current);
    preview(next);
    setDragged(next);
  };
  const endDrag = (event: PointerEvent<HTMLDivElement>, keep: boolean): void => {
    const current = drag.current;
    if (!current || current.pointerId !== event.pointerId) return;
    drag.current = null;
    setDragged(null);
    const next = keep ? widthAt(event, current) : current.startWidth;
    preview(next);
    commit(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const action = splitterKeyAction(event, width, window.innerWidth);
    if (action === null) return;
    event.preventDefault();
    if (action === 'hide') {
      hide();
      return;
    }
    preview(action.width);
    commit(action.width);
  };

  return (
    <div
      className={`sidebar-splitter${dragged !== null ? ' is-dragging' : ''}`}
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize host navigation"
      aria-controls="host-navigation"
      aria-valuemin={SIDEBAR_WIDTH_LIMITS.min}
      aria-valuemax={maxSidebarWidth(window.innerWidth)}
      aria-valuenow={shown}
      title="Drag to resize · Ctrl+B hides the host navigation"
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={(event) => endDrag(event, true)}
      onPointerCancel={(event) => endDrag(event, false)}
      onKeyDown={onKeyDown}
    />
  );
}
