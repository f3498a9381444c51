import type { SettingsService } from '../settings/settingsService';
import type { Handlers } from './router';

/** The settings channels; payloads were validated against api.ts (AppSettingsPatch) by the router. */
export function createSettingsHandlers(
  settings: SettingsService,
): Pick<Handlers, 'settings:get' | 'settings:update'> {
  return {
    'settings:get': () => settings.get(),
    'settings:update': ({ patch }) => settings.update(patch),
  };
}
