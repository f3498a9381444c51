import { join } from 'node:path';
import type { FileReader } from '../../ports';
import { CacheEntry } from '../../sources/syncCache';
import { decodeStore } from '../../store/storeCodec';
import type { StorePaths } from '../../store/storePaths';
import type { SourceConfig } from '../../store/storeSchema';
import { failed, passed, type DoctorCheck } from '../doctorCheck';

/**
 * The configured sources (Ansible, NetBox) and when each last synced, read from the store and the sync
 * cache without opening the store for writing: the doctor changes nothing, even beside a running app.
 */
export async function sourcesCheck(edges: {
  store: StorePaths;
  /** <MUXDECK_HOME>/cache/sources: one last-good file per source (syncCache.ts). */
  cacheDir: string;
  files: Pick<FileReader, 'readText'>;
}): Promise<DoctorCheck> {
  const title = 'Sources';
  const main = await readStore(edges.files, edges.store.main);
  const store = main.state === 'missing' ? await readStore(edges.files, edges.store.backup) : main;
  if (store.state === 'broken') {
    return failed(
      'sources',
      title,
      'optional',
      `${store.path} cannot be read: ${store.reason}`,
      `Start Muxdeck: it keeps the damaged file aside and restores the last good copy (${edges.store.backup}); see docs/store.md.`,
    );
  }
  const sources = store.state === 'good' ? store.sources : [];
  if (sources.length === 0) return passed('sources', title, 'optional', 'none configured');
  const lines: string[] = [];
  for (const source of sources)
    lines.push(`${source.label || source.id} (${source.kind}): ${await lastSync(source, edges)}`);
  return passed('sources', title, 'optional', lines.join('; '));
}

type StoreRead =
  | { state: 'good'; sources: SourceConfig[] }
  | { state: 'broken'; path: string; reason: string }
  | { state: 'missing' };

async function readStore(files: Pick<FileReader, 'readText'>, path: string): Promise<StoreRead> {
  let text: string;
  try {
    text = await files.readText(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'broken', path, reason: (error as Error).message };
  }
  const decoded = decodeStore(text);
  return decoded.ok
    ? { state: 'good', sources: decoded.data.sources }
    : { state: 'broken', path, reason: decoded.reason };
}

async function lastSync(
  source: SourceConfig,
  edges: { cacheDir: string; files: Pick<FileReader, 'readText'> },
): Promise<string> {
  if (!source.enabled) return 'turned off';
  let entry: CacheEntry | undefined;
  try {
    const parsed = CacheEntry.safeParse(
      JSON.parse(await edges.files.readText(join(edges.cacheDir, `${source.id}.json`))),
    );
    entry = parsed.success ? parsed.data : undefined;
  } catch {
    entry = undefined;
  }
  if (!entry) return 'never synced';
  const count = entry.hosts.length;
  return `last synced ${utcMinute(entry.syncedAt)}, ${count} host${count === 1 ? '' : 's'}`;
}

/** "2026-12-08 09:41 UTC": the same in the CLI, the window and a pasted report. */
function utcMinute(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
