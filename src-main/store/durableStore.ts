import { dirname } from 'node:path';
import type { StoreNotice } from '../../src-preload/api';
import { Emitter } from '../common/emitter';
import type { Clock, Logger } from '../ports';
import { writeFileAtomically } from './atomicWrite';
import type { FileStore } from './fileStore';
import { encodeStore } from './storeCodec';
import type { StorePaths } from './storePaths';
import { recoverStore, type NewNotice } from './storeRecovery';
import type { StoreData } from './storeSchema';

export interface DurableStoreDeps {
  files: FileStore;
  paths: StorePaths;
  clock: Clock;
  logger: Logger;
}

/**
 * The one store behind everything persistent. Reads are from memory; every update is applied in
 * memory at once and written atomically (main file, then the backup with the same content), one
 * write at a time, later updates folded into the next write. A failed write never loses the change:
 * it stays in memory, the user is told, and the next update writes it again.
 */
export class DurableStore {
  private data: StoreData;
  private readonly noticeList: StoreNotice[] = [];
  private readonly noticeEmitter = new Emitter<StoreNotice>();
  private nextNoticeId = 1;
  private saveRequested = false;
  private saving: Promise<void> | null = null;
  private readonly readOnly: boolean;

  /** Subscribes to notices raised after opening (a failed save, say); returns the unsubscribe function. */
  readonly onNotice = this.noticeEmitter.on.bind(this.noticeEmitter);

  private constructor(
    private readonly deps: DurableStoreDeps,
    initial: StoreData,
    readOnly: boolean,
  ) {
    this.data = initial;
    this.readOnly = readOnly;
  }

  static async open(deps: DurableStoreDeps): Promise<DurableStore> {
    await deps.files.ensureDirectory(dirname(deps.paths.main));
    const recovered = await recoverStore(deps.files, deps.paths, deps.clock.now());
    const store = new DurableStore(deps, recovered.data, recovered.readOnly ?? false);
    for (const notice of recovered.notices) store.notify(notice);
    if (recovered.mustSave) await store.save();
    return store;
  }

  read(): StoreData {
    return this.data;
  }

  /** Applies `change` now; resolves once the result (or something newer) is on disk or failed to be. */
  update(change: (data: StoreData) => StoreData): Promise<void> {
    const next = change(this.data);
    if (next === this.data) return this.saving ?? Promise.resolve();
    this.data = next;
    return this.save();
  }

  notices(): readonly StoreNotice[] {
    return this.noticeList;
  }

  notify(notice: NewNotice): StoreNotice {
    const full: StoreNotice = { ...notice, id: this.nextNoticeId++, at: this.deps.clock.now() };
    this.noticeList.push(full);
    this.deps.logger[full.level === 'error' ? 'error' : 'warn']('store notice', { message: full.message });
    this.noticeEmitter.fire(full);
    return full;
  }

  /** Waits for writes in flight: for shutdown and tests. */
  async flush(): Promise<void> {
    while (this.saving) await this.saving;
  }

  private save(): Promise<void> {
    this.saveRequested = true;
    this.saving ??= this.writeUntilCurrent().finally(() => {
      this.saving = null;
    });
    return this.saving;
  }

  private async writeUntilCurrent(): Promise<void> {
    let error: string | undefined;
    while (this.saveRequested) {
      this.saveRequested = false;
      if (this.readOnly) return;
      try {
        const text = encodeStore(this.data);
        await writeFileAtomically(this.deps.files, this.deps.paths.main, text);
        await writeFileAtomically(this.deps.files, this.deps.paths.backup, text);
        error = undefined;
      } catch (failure) {
        error = (failure as Error).message;
      }
    }
    if (error === undefined) this.reportedFailure = undefined;
    else this.reportFailedSave(error);
  }

  private reportedFailure: string | undefined;

  private reportFailedSave(error: string): void {
    // One notice per distinct failure, not one per change while the disk stays full.
    if (this.reportedFailure === error) return;
    this.reportedFailure = error;
    this.notify({
      level: 'error',
      message:
        `Muxdeck could not save its store ${this.deps.paths.main}: ${error}. ` +
        'Your changes are kept while Muxdeck runs and are saved with the next change that succeeds.',
      file: this.deps.paths.main,
    });
  }
}
