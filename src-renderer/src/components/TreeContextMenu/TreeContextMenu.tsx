import { useCallback } from 'react';
import { useServices } from '../../app/AppServices';
import type { MenuCommand } from '../../stores/tree/contextMenu.logic';
import { useTreeState } from '../../tree/useTree';
import { Menu } from '../Menu/Menu';

/** The tree's context menu (right-click, the Menu key, Shift+F10). */
export function TreeContextMenu() {
  const { store, commands } = useServices().tree;
  const menu = useTreeState((state) => state.menu);
  const close = useCallback(() => {
    store.getState().closeMenu();
    store.getState().requestFocus();
  }, [store]);
  if (!menu) return null;
  return (
    <Menu
      label="Host actions"
      x={menu.x}
      y={menu.y}
      items={menu.items.map((item) => ({ ...item, id: item.command }))}
      onClose={close}
      onSelect={(id) => {
        close();
        commands.runMenuCommand(id as MenuCommand, menu.nodeId);
      }}
    />
  );
}
