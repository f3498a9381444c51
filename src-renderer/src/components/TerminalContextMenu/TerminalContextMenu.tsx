import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import {
  moveMenuFocus,
  placeMenu,
  type TerminalMenuAction,
  type TerminalMenuItem,
} from '../../terminal/contextMenu.logic';
import './TerminalContextMenu.css';

interface TerminalContextMenuProps {
  items: readonly TerminalMenuItem[];
  /** Viewport coordinates of the right click. */
  at: { x: number; y: number };
  label: string;
  onAction: (action: TerminalMenuAction) => void;
  /** Closed without choosing (Esc, click elsewhere, Tab). */
  onDismiss: () => void;
}

/** A menu (ARIA menu pattern): arrows move, Enter/Space choose, Esc or a click elsewhere closes. */
export function TerminalContextMenu({ items, at, label, onAction, onDismiss }: TerminalContextMenuProps) {
  const menuRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef<Array<HTMLButtonElement | null>>([]);
  const [focused, setFocused] = useState(() => moveMenuFocus(items, -1, 1));
  const [position, setPosition] = useState({ left: at.x, top: at.y });

  useLayoutEffect(() => {
    const menu = menuRef.current;
    if (!menu) return;
    const size = { width: menu.offsetWidth, height: menu.offsetHeight };
    setPosition(placeMenu(at, size, { width: window.innerWidth, height: window.innerHeight }));
  }, [at]);

  useEffect(() => {
    itemRefs.current[focused]?.focus();
  }, [focused]);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent): void => {
      if (event.target instanceof Node && menuRef.current?.contains(event.target)) return;
      onDismiss();
    };
    const onBlur = (): void => onDismiss();
    window.addEventListener('pointerdown', onPointerDown, { capture: true });
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('pointerdown', onPointerDown, { capture: true });
      window.removeEventListener('blur', onBlur);
    };
  }, [onDismiss]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const moves: Record<string, () => number> = {
      ArrowDown: () => moveMenuFocus(items, focused, 1),
      ArrowUp: () => moveMenuFocus(items, focused, -1),
      Home: () => moveMenuFocus(items, -1, 1),
      End: () => moveMenuFocus(items, items.length, -1),
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      setFocused(move());
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      onDismiss();
    }
    // The terminal behind must not see keys meant for the menu.
    event.stopPropagation();
  };

  return (
    <div
      ref={menuRef}
      role="menu"
      aria-label={label}
      className="terminal-context-menu"
      style={{ left: position.left, top: position.top }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {items.map((item, index) => (
        <div
          key={item.action}
          role="none"
          className={item.groupStart && index > 0 ? 'menu-group-start' : undefined}
        >
          <button
            ref={(element) => {
              itemRefs.current[index] = element;
            }}
            type="button"
            role="menuitem"
            tabIndex={index === focused ? 0 : -1}
            aria-disabled={item.disabled ? true : undefined}
            aria-keyshortcuts={item.shortcut}
            className="menu-item"
            onMouseEnter={() => {
              if (!item.disabled) setFocused(index);
            }}
            onClick={() => {
              if (!item.disabled) onAction(item.action);
            }}
          >
            <span className="menu-item-label">{item.label}</span>
            {item.shortcut ? (
              <span className="menu-item-shortcut" aria-hidden="true">
                {item.shortcut}
              </span>
            ) : null}
          </button>
        </div>
      ))}
    </div>
  );
}
