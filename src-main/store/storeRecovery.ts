import type { StoreNotice } from '../../src-preload/api';
import { writeFileAtomically } from './atomicWrite';
import type { FileStore } from './fileStore';
import { decodeStore, type DecodeResult } from './storeCodec';
import { fileStamp, type StorePaths } from './storePaths';
import { emptyStore, type StoreData } from './storeSchema';

export type NewNotice = Omit<StoreNotice, 'id' | 'at'>;

export interface RecoveredStore {
  data: StoreData;
  notices: NewNotice[];
  /** The content on disk is not `data` (restored, migrated): write it before anything else. */
  mustSave: boolean;
  /** A damaged file could not be moved aside: saving would overwrite it, so nothing is saved. */
  readOnly?: boolean;
}

/**
 * Opens the store so that no file state stops the app and no data silently goes: a damaged main
 * file is renamed aside (never overwritten), the backup is used if it is good, and every such step
 * becomes a notice saying what happened and where the damaged file now is.
 */
export async function recoverStore(
  files: FileStore,
  paths: StorePaths,
  now: number,
): Promise<RecoveredStore> {
  const stamp = fileStamp(now);
  const main = await readAndDecode(files, paths.main);

  if (main.state === 'good') {
    if (main.result.migratedFrom === undefined)
      return { data: main.result.data, notices: [], mustSave: false };
    // Keep a copy in the old format: an older Muxdeck (or the user) may still want it.
    const keptAs = `${paths.main}.v${main.result.migratedFrom}`;
    await writeFileAtomically(files, keptAs, main.text).catch(() => undefined);
    return { data: main.result.data, notices: [], mustSave: true };
  }

  let brokenAt: string | undefined;
  if (main.state === 'broken') {
    brokenAt = `${paths.main}.broken-${stamp}`;
    try {
      await files.rename(paths.main, brokenAt);
    } catch (error) {
      // Cannot move it: leave it in place and do not write over it either (see durableStore).
      return {
        data: emptyStore(),
        notices: [
          {
            level: 'error',
            message:
              `Muxdeck's store ${paths.main} could not be read (${main.reason}) nor set aside ` +
              `(${(error as Error).message}). Muxdeck runs with an empty tree and will not save until it is fixed.`,
            file: paths.main,
          },
        ],
        mustSave: false,
        readOnly: true,
      };
    }
  }

  const backup = await readAndDecode(files, paths.backup);
  if (backup.state === 'good') {
    const what =
      main.state === 'missing'
        ? `Muxdeck's store ${paths.main} was missing`
        : `Muxdeck's store could not be read: ${main.reason}. The damaged file was kept as ${brokenAt}`;
    return {
      data: backup.result.data,
      notices: [
        {
          level: main.state === 'missing' ? 'warning' : 'error',
          message: `${what}. Your folders, favourites and settings were restored from the last good backup (${paths.backup}).`,
          file: brokenAt ?? paths.backup,
        },
      ],
      mustSave: true,
    };
  }
  if (main.state === 'missing' && backup.state === 'missing')
    return { data: emptyStore(), notices: [], mustSave: false };

  // The backup is damaged too: keep it aside as well, so the next save cannot overwrite it.
  let backupAt: string | undefined;
  if (backup.state === 'broken') {
    backupAt = `${paths.backup}.broken-${stamp}`;
    await files.rename(paths.backup, backupAt).catch(() => (backupAt = paths.backup));
  }
  const mainPart =
    main.state === 'broken'
      ? `Muxdeck's store could not be read: ${main.reason}. The damaged file was kept as ${brokenAt}`
      : `Muxdeck's store ${paths.main} was missing`;
  const backupPart =
    backup.state === 'broken'
      ? `the backup could not be read either (${backup.reason}; kept as ${backupAt})`
      : 'there is no backup';
  return {
    data: emptyStore(),
    notices: [
      {
        level: 'error',
        message: `${mainPart}, and ${backupPart}. Muxdeck started with an empty tree.`,
        file: brokenAt ?? backupAt ?? paths.main,
      },
    ],
    mustSave: false,
  };
}

type ReadOutcome =
  | { state: 'good'; result: Extract<DecodeResult, { ok: true }>; text: string }
  | { state: 'broken'; reason: string }
  | { state: 'missing' };

async function readAndDecode(files: FileStore, path: string): Promise<ReadOutcome> {
  const kind = await files.kind(path);
  if (kind === 'missing') return { state: 'missing' };
  if (kind === 'directory') return { state: 'broken', reason: 'it is a directory, not a file' };
  if (kind === 'other') return { state: 'broken', reason: 'it is not a regular file' };
  let text: string;
  try {
    text = await files.readText(path);
  } catch (error) {
    return { state: 'broken', reason: `it could not be read (${(error as Error).message})` };
  }
  const result = decodeStore(text);
  return result.ok ? { state: 'good', result, text } : { state: 'broken', reason: result.reason };
}
