import { join } from 'node:path';
import { ownValue } from '../common/ownRecord';
import { homedir, userInfo } from 'node:os';
import { muxdeckOwnDirs, muxdeckPaths } from '../app/paths';
import { chooseSocketDirectory } from '../app/socketDirectory';
import { memoize } from '../common/memoize';
import { refuseEveryConfirmation } from '../confirm/requireConfirmation';
import { ensurePrivateDirectory } from '../platform/privateDirectory';
import { HostCatalog } from '../inventory/hostCatalog';
import { SshConfigSource } from '../inventory/ssh-config/sshConfigSource';
import { syntheticSources } from '../inventory/synthetic/syntheticSource';
import { childProcessSpawner } from '../platform/childProcessSpawner';
import { execFileRunner } from '../platform/execFileRunner';
import { nodeFileReader } from '../platform/nodeFileReader';
import { nodeFileStore } from '../platform/nodeFileStore';
import { systemClock } from '../platform/systemClock';
import type { Logger } from '../ports';
import type { SelectionUniverse } from '../run/hostSelection';
import { RunService } from '../run/runService';
import { resolveRunTargets } from '../run/runTargets';
import { ConnectionSharing } from '../ssh/connectionSharing';
import { writeSshConfigWrapper } from '../platform/sshConfigWrapperFile';
import { locateSshConfig, systemSshConfig } from '../ssh/sshConfigLocation';
import { DurableStore } from '../store/durableStore';
import { storePaths } from '../store/storePaths';
import { ManualSource } from '../tree/manualSource';
import { TreeService } from '../tree/treeService';
import { cachedSources } from './cachedSources';

/**
 * What `muxdeck run` needs, built from the same pieces as the app's composition root (compose.ts):
 * the store in MUXDECK_HOME, the same sources, the user's tree settings, the same shared connections.
 * No tmux and no askpass: a run never prompts.
 */
export async function openRunEnvironment(opts: {
  home: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
}): Promise<{ runs: RunService; universe: () => Promise<SelectionUniverse> }> {
  ensurePrivateDirectory(opts.home);
  const shortSocketDir = memoize(() =>
    chooseSocketDirectory({ home: opts.home, env: opts.env, uid: process.getuid?.(), logger: opts.logger }),
  );
  const paths = muxdeckPaths(opts.home, shortSocketDir);
  const userHome = opts.env.HOME || homedir();
  const sshConfig = locateSshConfig({
    ...(opts.env.MUXDECK_SSH_CONFIG ? { setting: opts.env.MUXDECK_SSH_CONFIG } : {}),
    home: userHome,
    passwdHome: userInfo().homedir,
    wrapperFile: join(paths.home, 'ssh_config'),
    systemFile: systemSshConfig(process.platform, opts.env),
  });
  await writeSshConfigWrapper(sshConfig);
  const sshPath = opts.env.MUXDECK_SSH ?? 'ssh';
  const ssh = { sshPath, ...(sshConfig.explicitFlag ? { configFlag: sshConfig.explicitFlag } : {}) };
  const store = await DurableStore.open({
    files: nodeFileStore,
    paths: storePaths(paths.home),
    clock: systemClock,
    logger: opts.logger,
  });
  const sources = [
    new SshConfigSource({ file: sshConfig.file, home: userHome, files: nodeFileReader }),
    new ManualSource(() => store.read()),
    ...syntheticSources(opts.env),
    ...(await cachedSources(store.read(), paths.cache)),
  ];
  const catalog = new HostCatalog(sources);
  const tree = await TreeService.create({
    store,
    catalog,
    ssh,
    sshConfig: { file: sshConfig.file, home: userHome, files: nodeFileReader },
    clock: systemClock,
    logger: opts.logger,
    // `muxdeck run` changes no settings: nothing to confirm.
    confirmation: refuseEveryConfirmation,
    ownDirs: muxdeckOwnDirs(paths),
  });
  const sharing = new ConnectionSharing({
    preferredDir: join(paths.home, 'cm'),
    home: paths.home,
    shortSocketDir,
    runner: execFileRunner,
    sshPath,
    env: opts.env,
  });
  const runs = new RunService({
    resolveTargets: (hostIds) =>
      resolveRunTargets(
        { catalog, settings: tree, ssh, runner: execFileRunner, sharing, env: opts.env },
        hostIds,
      ),
    spawner: childProcessSpawner,
    env: opts.env,
    clock: systemClock,
    defaults: () => ({
      timeoutSeconds: store.read().settings.runTimeoutSeconds,
      parallel: store.read().settings.runParallel,
    }),
  });
  const kinds = new Map(sources.map((source) => [source.id, source.kind]));
  return {
    runs,
    async universe() {
      const listed = await catalog.list();
      const data = store.read().tree;
      return {
        hosts: listed.hosts.map((host) => {
          const kind = kinds.get(host.sourceId);
          const placement = ownValue(data.hosts, host.id)?.placement;
          return {
            id: host.id,
            label: kind ? tree.effectiveSettings(host, kind).label : host.label,
            sourceId: host.sourceId,
            groups: host.groups,
            ...(placement ? { folderId: placement.folderId } : {}),
          };
        }),
        sources: listed.sources.map((source) => ({ id: source.id, label: source.label })),
        folders: data.folders.map((f) => ({ id: f.id, name: f.name, parentId: f.parentId })),
      };
    },
  };
}
