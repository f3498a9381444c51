import { join } from 'node:path';
import { z } from 'zod';
import { Host } from '../../src-preload/api';
import { writeFileAtomically } from '../store/atomicWrite';
import type { FileStore } from '../store/fileStore';

/** The last good hosts of one source, as written after its last successful sync. */
export const CacheEntry = z.object({
  format: z.literal('muxdeck-source-cache'),
  version: z.literal(1),
  sourceId: z.string(),
  syncedAt: z.number().int(),
  hosts: z.array(Host),
  warnings: z.array(z.string()),
});
export type CacheEntry = z.infer<typeof CacheEntry>;

export interface SyncCache {
  read(configId: string): Promise<CacheEntry | undefined>;
  write(configId: string, entry: CacheEntry): Promise<void>;
  remove(configId: string): Promise<void>;
}

/**
 * One JSON file per source under <MUXDECK_HOME>/cache/sources, replaced atomically and only after a
 * complete sync: a sync that fails half-way never touches it. A damaged file reads as "no cache".
 */
export function fileSyncCache(dir: string, files: FileStore): SyncCache {
  const file = (id: string) => join(dir, `${id}.json`);
  return {
    async read(id) {
      let text: string;
      try {
        text = await files.readText(file(id));
      } catch {
        return undefined;
      }
      try {
        const parsed = CacheEntry.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    async write(id, entry) {
      await files.ensureDirectory(dir);
      await writeFileAtomically(files, file(id), JSON.stringify(entry));
    },
    async remove(id) {
      await files.remove(file(id));
    },
  };
}
