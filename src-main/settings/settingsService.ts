import type { AppSettings, AppSettingsPatch } from '../../src-preload/api';
import { Emitter } from '../common/emitter';
import type { DurableStore } from '../store/durableStore';

/**
 * The user's app-wide settings, kept in the store. Services that depend on a setting read it through
 * get() at the moment they use it, so a change applies to the next reconnect or log check without a restart.
 */
export class SettingsService {
  private readonly emitter = new Emitter<AppSettings>();
  readonly onDidChange = this.emitter.on.bind(this.emitter);

  constructor(private readonly store: DurableStore) {}

  get(): AppSettings {
    return this.store.read().settings;
  }

  /** Applies a validated patch; resolves with the new settings once they are on disk. */
  async update(patch: AppSettingsPatch): Promise<AppSettings> {
    const written = this.store.update((data) => ({ ...data, settings: { ...data.settings, ...patch } }));
    const settings = this.get();
    this.emitter.fire(settings);
    await written;
    return settings;
  }
}
