import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { MuxdeckPaths } from '../app/paths';
import { commandScriptRunner, nodeInventoryFileSystem } from '../inventory/ansible/nodeInventoryFileSystem';
import { nodeFileReader } from '../platform/nodeFileReader';
import { nodeFileStore } from '../platform/nodeFileStore';
import { systemClock } from '../platform/systemClock';
import type { Clock, CommandRunner, Logger, UserConfirmation } from '../ports';
import type { SecretStore } from '../secrets/secretStore';
import type { DurableStore } from '../store/durableStore';
import { ansibleRunner } from './ansibleRunner';
import { netboxRunner } from './netboxRunner';
import { watchPaths } from './pathWatcher';
import { SourcesService, type RunnerFactory } from './sourcesService';
import { fileSyncCache } from './syncCache';
import { SyncManager } from './syncManager';

/** The configured sources on the real disk, network and keychain (the composition root's part). */
export async function startSources(opts: {
  store: DurableStore;
  secrets: SecretStore;
  runner: CommandRunner;
  paths: MuxdeckPaths;
  logger: Logger;
  /** Asks the user before a source may run scripts or ProxyCommands. */
  confirmation: UserConfirmation;
  clock?: Clock;
}): Promise<SourcesService> {
  const manager = new SyncManager({
    clock: opts.clock ?? systemClock,
    cache: fileSyncCache(join(opts.paths.cache, 'sources'), nodeFileStore),
    logger: opts.logger,
  });
  const runners: RunnerFactory = (config, token) =>
    config.kind === 'ansible'
      ? ansibleRunner(config.id, config.label, config.options, {
          files: nodeInventoryFileSystem,
          runScript: commandScriptRunner(opts.runner),
          watch: watchPaths,
        })
      : netboxRunner(config.id, config.label, config.options, token, {
          files: nodeFileReader,
          logger: opts.logger,
        });
  return SourcesService.start({
    store: opts.store,
    secrets: opts.secrets,
    manager,
    runners,
    confirmation: opts.confirmation,
    logger: opts.logger,
    pathExists: (path) =>
      access(path).then(
        () => true,
        () => false,
      ),
  });
}
