import {
  RUN_DEFAULT_PARALLEL,
  RUN_DEFAULT_TIMEOUT_SECONDS,
  type AppSettings,
} from '../../../../src-preload/api';

/** What the Run dialog starts with. */
export interface RunDefaults {
  timeoutSeconds: number;
  parallel: number;
}

/** The user's settings (Settings › Run on selection), or the built-in values while they load. */
export function runDefaultsFrom(settings: AppSettings | null | undefined): RunDefaults {
  return settings
    ? { timeoutSeconds: settings.runTimeoutSeconds, parallel: settings.runParallel }
    : { timeoutSeconds: RUN_DEFAULT_TIMEOUT_SECONDS, parallel: RUN_DEFAULT_PARALLEL };
}
