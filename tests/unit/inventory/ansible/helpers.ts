import {
  formatAnsibleListJson,
  toAnsibleListJson,
} from '../../../../src-main/inventory/ansible/ansibleListJson';
import type { InventorySourceOptions } from '../../../../src-main/inventory/ansible/inventorySources';
import {
  loadAnsibleInventory,
  type LoadedInventory,
} from '../../../../src-main/inventory/ansible/loadAnsibleInventory';
import { memoryInventoryFs, type MemoryFile } from './memoryInventoryFs';

/** Loads in-memory inventory files; `sources` default to every file given, in order. */
export async function loadMemory(
  files: Record<string, MemoryFile>,
  sources: string[] = Object.keys(files),
  options: InventorySourceOptions = {},
): Promise<LoadedInventory> {
  return loadAnsibleInventory(sources, { files: memoryInventoryFs(files) }, options);
}

/** The `ansible-inventory --list` JSON for in-memory files, as plain data. */
export async function listMemory(
  files: Record<string, MemoryFile>,
  sources?: string[],
  options?: InventorySourceOptions,
): Promise<Record<string, unknown> & { _meta: { hostvars: Record<string, Record<string, unknown>> } }> {
  const inventory = await loadMemory(files, sources, options);
  return JSON.parse(formatAnsibleListJson(toAnsibleListJson(inventory)));
}
