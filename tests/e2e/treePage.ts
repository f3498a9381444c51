import { expect, type Locator, type Page } from '@playwright/test';

/** The host tree as a user sees it: the tree, its rows by what they show, its dialogs. */
export function treePage(page: Page) {
  const tree = page.getByRole('tree', { name: 'Hosts' });
  /** A row by its node id: the same host can be shown in several places (Favourites, a folder, its source). */
  const node = (nodeId: string): Locator => tree.locator(`[data-node-id="${nodeId}"]`);
  const row = (name: string): Locator => tree.getByRole('treeitem', { name, exact: true });

  async function fillDialog(
    title: string,
    fields: Record<string, string>,
    folder?: { label: string; value: string },
  ) {
    const dialog = page.getByRole('dialog', { name: title });
    await expect(dialog).toBeVisible();
    for (const [label, value] of Object.entries(fields))
      await dialog.getByLabel(label, { exact: true }).fill(value);
    if (folder) await dialog.getByLabel(folder.label, { exact: true }).selectOption({ label: folder.value });
    return dialog;
  }

  return {
    tree,
    node,
    row,
    search: page.getByRole('searchbox', { name: 'Search hosts' }),
    async newFolder(name: string, settings: Record<string, string> = {}, inside?: string) {
      await page.getByRole('button', { name: '+ Folder' }).click();
      const dialog = await fillDialog(
        'New folder',
        { Name: name, ...settings },
        inside ? { label: 'Inside', value: inside } : undefined,
      );
      await dialog.getByRole('button', { name: 'Create folder' }).click();
      await expect(dialog).toBeHidden();
    },
    async openNewHost(fields: Record<string, string>, folder: string) {
      await page.getByRole('button', { name: '+ Host' }).click();
      return fillDialog('New host', fields, { label: 'Folder', value: folder });
    },
    /** The indented label a folder has in the folder pickers. */
    folderChoice: (name: string, depth: number) => `${'\u2003'.repeat(depth)}${name}`,
  };
}
