import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import './Menu.css';

export interface MenuEntry {
  id: string;
  label: string;
  disabled?: boolean;
  title?: string;
  separatorBefore?: boolean;
  shortcut?: string;
}

interface MenuProps {
  label: string;
  items: readonly MenuEntry[];
  x: number;
  y: number;
  onSelect: (id: string) => void;
  /** Escape, Tab, a click elsewhere: the owner puts focus back where it belongs. */
  onClose: () => void;
}

/**
 * A popup menu (WAI-ARIA menu pattern): arrows, Home/End and first letters move, Enter or Space
 * activates, Escape closes. Disabled items stay reachable so their reason (title) can be read.
 */
export function Menu({ label, items, x, y, onSelect, onClose }: MenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(() =>
    Math.max(
      0,
      items.findIndex((item) => !item.disabled),
    ),
  );
  const [position, setPosition] = useState({ left: x, top: y });

  useLayoutEffect(() => {
    const box = ref.current?.getBoundingClientRect();
    if (!box) return;
    // Keep the whole menu on screen.
    setPosition({
      left: Math.max(4, Math.min(x, window.innerWidth - box.width - 4)),
      top: Math.max(4, Math.min(y, window.innerHeight - box.height - 4)),
    });
  }, [x, y]);

  useEffect(() => {
    ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active]?.focus();
  }, [active]);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = items.length - 1;
    const move = (index: number) => {
      event.preventDefault();
      setActive((index + items.length) % items.length);
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(active + 1);
      case 'ArrowUp':
        return move(active - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(last);
      case 'Escape':
      case 'Tab':
        event.preventDefault();
        return onClose();
      default: {
        if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
        const letter = event.key.toLowerCase();
        const next = items.findIndex((item, i) => i > active && item.label.toLowerCase().startsWith(letter));
        const found =
          next !== -1 ? next : items.findIndex((item) => item.label.toLowerCase().startsWith(letter));
        if (found !== -1) move(found);
      }
    }
  };

  return (
    <div
      ref={ref}
      role="menu"
      aria-label={label}
      className="menu"
      style={{ left: position.left, top: position.top }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {items.map((item, index) => (
        <div
          key={item.id}
          role="none"
          className={item.separatorBefore && index > 0 ? 'menu-group-start' : undefined}
        >
          <button
            type="button"
            role="menuitem"
            tabIndex={index === active ? 0 : -1}
            aria-disabled={item.disabled || undefined}
            aria-keyshortcuts={ariaKeys(item.shortcut)}
            title={item.title}
            className="menu-item"
            onMouseEnter={() => setActive(index)}
            onClick={() => {
              if (!item.disabled) onSelect(item.id);
            }}
          >
            <span className="menu-label">{item.label}</span>
            {item.shortcut ? (
              // Announced through aria-keyshortcuts, so the item's name is just its label.
              <kbd className="menu-shortcut" aria-hidden="true">
                {item.shortcut}
              </kbd>
            ) : null}
          </button>
        </div>
      ))}
    </div>
  );
}

/** aria-keyshortcuts spells modifiers as the spec does (Control, Meta), not as the menu shows them. */
function ariaKeys(shortcut: string | undefined): string | undefined {
  return shortcut?.replace(/\bCtrl\b/g, 'Control').replace(/\bCmd\b|⌘/g, 'Meta');
}
