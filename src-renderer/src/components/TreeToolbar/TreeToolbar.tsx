import { useRef, useState } from 'react';
import { useServices } from '../../app/AppServices';
import { Menu } from '../Menu/Menu';
import './TreeToolbar.css';

const MORE = [
  { id: 'importSshConfig', label: 'Import ~/.ssh/config into a folder' },
  { id: 'importTree', label: 'Import tree from file…', separatorBefore: true },
  { id: 'exportTree', label: 'Export tree to file…' },
  { id: 'reload', label: 'Reload hosts', separatorBefore: true },
] as const;

/** New folder, new host, and the less frequent things (import, export, reload) behind "More". */
export function TreeToolbar() {
  const { commands } = useServices().tree;
  const [more, setMore] = useState<{ x: number; y: number } | null>(null);
  const moreButton = useRef<HTMLButtonElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const closeMore = () => {
    setMore(null);
    moreButton.current?.focus();
  };
  const run = (id: string) => {
    setMore(null);
    if (id === 'importSshConfig') void commands.importSshConfig(null, 'ssh config');
    else if (id === 'importTree') fileInput.current?.click();
    else if (id === 'exportTree') void commands.exportTree();
    else void commands.refresh();
  };

  return (
    <div className="tree-toolbar" role="toolbar" aria-label="Tree actions">
      <button type="button" className="tree-toolbar-button" onClick={() => commands.newFolder(null)}>
        + Folder
      </button>
      <button type="button" className="tree-toolbar-button" onClick={() => commands.newHost(null)}>
        + Host
      </button>
      <button
        ref={moreButton}
        type="button"
        className="tree-toolbar-button tree-toolbar-more"
        aria-label="More tree actions"
        aria-haspopup="menu"
        aria-expanded={more !== null}
        onClick={(event) => {
          const box = event.currentTarget.getBoundingClientRect();
          setMore(more ? null : { x: box.left, y: box.bottom + 2 });
        }}
      >
        ⋯
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        aria-label="Tree file to import"
        hidden
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void commands.importFile(file);
        }}
      />
      {more ? (
        <Menu
          label="More tree actions"
          items={MORE}
          x={more.x}
          y={more.y}
          onSelect={run}
          onClose={closeMore}
        />
      ) : null}
    </div>
  );
}
