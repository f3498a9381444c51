import { useEffect, useRef, useState } from 'react';
import { DiagnoseDialog } from '../DiagnoseDialog/DiagnoseDialog';
import { Menu, type MenuEntry } from '../Menu/Menu';

const ENTRIES: readonly MenuEntry[] = [{ id: 'diagnose', label: 'Diagnose…' }];

/** Help (? in the top bar): Diagnose shows what `muxdeck doctor` finds, so a broken install never dead-ends. */
export function HelpMenu() {
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null);
  const [diagnosing, setDiagnosing] = useState(false);

  // Back to the Help button once the dialog is gone: while it is open the rest of the window is inert.
  const wasDiagnosing = useRef(false);
  useEffect(() => {
    if (wasDiagnosing.current && !diagnosing) buttonRef.current?.focus();
    wasDiagnosing.current = diagnosing;
  }, [diagnosing]);

  const openMenu = (): void => {
    const box = buttonRef.current?.getBoundingClientRect();
    setMenuAt(box ? { x: box.right, y: box.bottom + 2 } : { x: 0, y: 0 });
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="top-bar-settings top-bar-help"
        aria-label="Help"
        aria-haspopup="menu"
        aria-expanded={menuAt !== null}
        title="Help"
        onClick={openMenu}
      >
        ?
      </button>
      {menuAt ? (
        <Menu
          label="Help"
          items={ENTRIES}
          x={menuAt.x}
          y={menuAt.y}
          onSelect={(id) => {
            setMenuAt(null);
            if (id === 'diagnose') setDiagnosing(true);
          }}
          onClose={() => {
            setMenuAt(null);
            buttonRef.current?.focus();
          }}
        />
      ) : null}
      {diagnosing ? <DiagnoseDialog onClose={() => setDiagnosing(false)} /> : null}
    </>
  );
}
