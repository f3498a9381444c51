import { z } from 'zod';
import {
  RUN_DEFAULT_PARALLEL,
  RUN_DEFAULT_TIMEOUT_SECONDS,
  RUN_MAX_PARALLEL,
} from '../../../../src-preload/api';

/** What the Run dialog starts with: the time-out and parallelism the user chose last. */
export const RunDefaults = z.object({
  timeoutSeconds: z.number().int().min(1).max(86_400).catch(RUN_DEFAULT_TIMEOUT_SECONDS),
  parallel: z.number().int().min(1).max(RUN_MAX_PARALLEL).catch(RUN_DEFAULT_PARALLEL),
});
export type RunDefaults = z.infer<typeof RunDefaults>;

export const FACTORY_RUN_DEFAULTS: RunDefaults = {
  timeoutSeconds: RUN_DEFAULT_TIMEOUT_SECONDS,
  parallel: RUN_DEFAULT_PARALLEL,
};

/** Whatever was stored (hand-edited, from an older version, garbage) becomes usable defaults. */
export function readRunDefaults(stored: unknown): RunDefaults {
  const parsed = RunDefaults.safeParse(stored);
  return parsed.success ? parsed.data : FACTORY_RUN_DEFAULTS;
}
