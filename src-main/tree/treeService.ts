import { randomBytes } from 'node:crypto';
import { ownValue } from '../common/ownRecord';
import {
  MANUAL_SOURCE_ID,
  type Host,
  type HostSourceKind,
  type InheritedSettings,
  type SourceStatus,
  type StoreNotice,
  type TreeExportDocument,
  type TreeMutation,
  type TreeOverlay,
} from '../../src-preload/api';
import { ApiError } from '../common/apiError';
import { Emitter } from '../common/emitter';
import type { HostCatalog } from '../inventory/hostCatalog';
import { isMissingFile, readSshConfig } from '../inventory/ssh-config/sshConfigReader';
import { requireConfirmation } from '../confirm/requireConfirmation';
import type { Clock, FileReader, Logger, UserConfirmation } from '../ports';
import { hostNameProblem } from '../ssh/hostNameValidation';
import { buildSshArgv } from '../ssh/sshArgv';
import type { SshConfigLookup } from '../ssh/sshConfigValues';
import type { DurableStore } from '../store/durableStore';
import type { StoreData } from '../store/storeSchema';
import { applyMutations, BatchMutationError, recordConnection } from './applyMutations.logic';
import type { EffectiveHostSettings, EffectiveSettingsProvider } from './effectiveSettings';
import { effectiveHost, folderMap } from './hostEffective.logic';
import { hostLayers, resolveSettings, toInherited } from './inheritance.logic';
import { manualHostsAsHosts } from './manualSource';
import { overlayView, refreshKnown, type ListedHosts } from './overlayView.logic';
import { shellCommand } from './shellQuote';
import { importableSshHosts } from './sshConfigImport.logic';
import type { TreeContext } from './treeContext';
import { repairTree } from './treeRepair.logic';
import { exportTree, importTree } from './treeTransfer.logic';
import {
  forwardConfirmation,
  forwardingWarnings,
  newForwardRisks,
  type PlacedForwardRisk,
} from './forwardReview.logic';

export interface TreeServiceDeps {
  store: DurableStore;
  catalog: HostCatalog;
  ssh: { sshPath: string; configFlag?: string };
  /** The ssh config Muxdeck reads, for "import ~/.ssh/config into a folder". */
  sshConfig: { file: string; home: string; files: FileReader };
  /** What the ssh config sets for a destination (`ssh -G`), for the form's hints; none in some tests. */
  sshConfigValues?: SshConfigLookup;
  clock: Clock;
  logger: Logger;
  /** Asks the user, outside the page, before forwards beyond loopback are saved (forwardPolicy.ts). */
  confirmation: UserConfirmation;
  /** Muxdeck's own directories (home, socket fallbacks): no RemoteForward may expose a socket in them. */
  ownDirs: readonly string[];
}

export interface TreeChange {
  overlay: TreeOverlay;
  /** Present when the user's own hosts changed. */
  manualHosts?: Host[];
}

/**
 * The user's tree over the hosts of every source: folders, favourites, recent, per-host overrides and
 * notes, settings inherited folder → host. Everything is kept in the durable store by host id, so it
 * survives every re-sync; a host its source no longer lists is still shown where the user put it.
 */
export class TreeService implements EffectiveSettingsProvider {
  private revision = 1;
  private readonly changed = new Emitter<TreeChange>();
  /** Every change, from any window: compose broadcasts it as tree:changed. */
  readonly onDidChange = this.changed.on.bind(this.changed);

  private constructor(private readonly deps: TreeServiceDeps) {}

  /** Opens the tree over an opened store, repairing (and reporting) what a hand-edited file got wrong. */
  static async create(deps: TreeServiceDeps): Promise<TreeService> {
    const { tree, repairs } = repairTree(deps.store.read().tree);
    if (repairs.length > 0) {
      await deps.store.update((data) => ({ ...data, tree }));
      const more = repairs.length > 5 ? ` and ${repairs.length - 5} more` : '';
      deps.store.notify({
        level: 'warning',
        message: `Muxdeck repaired its store: ${repairs.slice(0, 5).join('; ')}${more}.`,
      });
    }
    return new TreeService(deps);
  }

  async snapshot(): Promise<{ hosts: Host[]; sources: SourceStatus[]; overlay: TreeOverlay }> {
    const { hosts, sources } = await this.deps.catalog.list();
    const listed = listedHosts(hosts, sources);
    const refreshed = refreshKnown(this.data(), listed.byId);
    if (refreshed !== this.data()) await this.deps.store.update(() => refreshed);
    return { hosts, sources, overlay: overlayView(this.data(), this.revision, listed) };
  }

  async apply(mutations: readonly TreeMutation[]): Promise<{ revision: number; createdIds: string[] }> {
    const listed = await this.listed();
    const destinations = await this.destinationsFor(mutations);
    const compute = (): ReturnType<typeof applyMutations> => {
      try {
        return applyMutations(this.data(), mutations, this.context(listed, destinations));
      } catch (error) {
        if (!(error instanceof BatchMutationError)) throw error;
        const field = error.failure.field ? `.${error.failure.field}` : '';
        throw new ApiError(error.failure.code, error.message, [
          { path: `mutations.${error.index}${field}`, message: error.message },
        ]);
      }
    };
    const before = this.data();
    let result = compute();
    const confirmed = await this.confirmForwards(before.tree, result.data.tree);
    // The tree may have changed while the user was asked: apply to what is there now, confirmed risks only.
    if (this.data() !== before) {
      result = compute();
      this.refuseUnconfirmed(this.data().tree, result.data.tree, confirmed);
    }
    await this.deps.store.update(() => result.data);
    this.announce(listed);
    return { revision: this.revision, createdIds: result.createdIds };
  }

  async inherited(folderId: string | null, hostId?: string): Promise<InheritedSettings> {
    const listed = hostId ? await this.listed() : undefined;
    const host = hostId ? listed?.byId.get(hostId) : undefined;
    const synced = host && host.sourceId !== MANUAL_SOURCE_ID ? host : undefined;
    const layers = hostLayers({
      host: synced,
      sourceLabel: host ? listed?.sourceLabels.get(host.sourceId) : undefined,
      folders: folderMap(this.data().tree),
      folderId,
      sourceGroups: this.data().tree.sourceGroups,
      groupsOf: synced,
    });
    const inherited = toInherited(resolveSettings(layers));
    return hostId ? this.withSshConfig(inherited, hostId) : inherited;
  }

  /**
   * Fills what no layer sets with what the ssh config sets for the host, so the form shows a `Host *`
   * IdentityFile as inherited rather than leaving a placeholder that only looks like one.
   */
  private async withSshConfig(inherited: InheritedSettings, hostId: string): Promise<InheritedSettings> {
    const lookup = this.deps.sshConfigValues;
    if (!lookup) return inherited;
    const resolved = await this.deps.catalog.find(hostId);
    if (!resolved) return inherited;
    let destination: string;
    try {
      destination = resolved.source.sshDestination(resolved.host);
    } catch {
      return inherited;
    }
    if (hostNameProblem(destination)) return inherited;
    const fromConfig = await lookup(destination);
    if (!fromConfig) return inherited;
    const from = { kind: 'ssh-config' as const };
    const filled: InheritedSettings = { ...inherited };
    if (!filled.user && fromConfig.user) filled.user = { value: fromConfig.user, from };
    if (!filled.port && fromConfig.port) filled.port = { value: fromConfig.port, from };
    if (!filled.identityFile && fromConfig.identityFile)
      filled.identityFile = { value: fromConfig.identityFile, from };
    if (!filled.jumpHost && fromConfig.jumpHost) filled.jumpHost = { value: fromConfig.jumpHost, from };
    return filled;
  }

  effectiveSettings(host: Host, sourceKind: HostSourceKind): EffectiveHostSettings {
    const tree = this.data().tree;
    return effectiveHost({ tree, folders: folderMap(tree), host, sourceKind }).settings;
  }

  async sshCommand(hostId: string): Promise<{ argv: string[]; command: string }> {
    const resolved = await this.deps.catalog.find(hostId);
    if (!resolved)
      throw new ApiError('NOT_FOUND', `No host with id ${JSON.stringify(hostId)} in any source.`);
    const destination = resolved.source.sshDestination(resolved.host);
    const problem = hostNameProblem(destination);
    if (problem)
      throw new ApiError(
        'INVALID_HOST',
        `Refusing to connect to ${JSON.stringify(destination)}: ${problem}.`,
      );
    const effective = this.effectiveSettings(resolved.host, resolved.source.kind);
    try {
      const argv = buildSshArgv({
        sshPath: this.deps.ssh.sshPath,
        destination,
        ...(this.deps.ssh.configFlag ? { configFile: this.deps.ssh.configFlag } : {}),
        hostOptions: effective.sshOptions,
      });
      return { argv, command: shellCommand(argv) };
    } catch (error) {
      throw new ApiError('INVALID_HOST', (error as Error).message);
    }
  }

  exportDocument(): TreeExportDocument {
    return exportTree(this.data().tree, this.deps.clock.now());
  }

  async importDocument(
    document: TreeExportDocument,
    mode: 'merge' | 'replace',
  ): Promise<{ folders: number; hosts: number; warnings: string[] }> {
    const context = { newFolderId, newManualHostId, hostNameProblem };
    const before = this.data();
    let outcome = importTree(before.tree, document, mode, context);
    const confirmed = await this.confirmForwards(before.tree, outcome.tree);
    if (this.data() !== before) {
      outcome = importTree(this.data().tree, document, mode, context);
      this.refuseUnconfirmed(this.data().tree, outcome.tree, confirmed);
    }
    await this.deps.store.update((data) => ({ ...data, tree: outcome.tree }));
    this.announce(await this.listed());
    return {
      folders: outcome.folders,
      hosts: outcome.hosts,
      warnings: forwardingWarnings({ ...document, manualHosts: document.manualHosts }).slice(0, 100),
    };
  }

  /**
   * Forwards a change would add: one into Muxdeck's own directories is refused, one beyond loopback is
   * saved only when the user says yes outside the page. Answers the keys of what was confirmed.
   */
  private async confirmForwards(before: StoreData['tree'], after: StoreData['tree']): Promise<Set<string>> {
    const risks = newForwardRisks(before, after, this.deps.ownDirs);
    refuseForbidden(risks);
    const asked = risks.filter((risk) => risk.verdict === 'confirm');
    if (asked.length > 0) await requireConfirmation(this.deps.confirmation, forwardConfirmation(asked));
    return new Set(asked.map((risk) => risk.key));
  }

  private refuseUnconfirmed(
    before: StoreData['tree'],
    after: StoreData['tree'],
    confirmed: Set<string>,
  ): void {
    const risks = newForwardRisks(before, after, this.deps.ownDirs);
    refuseForbidden(risks);
    if (risks.some((risk) => !confirmed.has(risk.key))) {
      throw new ApiError(
        'NOT_CONFIRMED',
        'The tree changed while you were asked; nothing was saved. Try again.',
      );
    }
  }

  async importSshConfig(
    folderId: string | null,
    newFolderName?: string,
  ): Promise<{ folderId: string | null; created: number; skipped: number }> {
    const { file, home, files } = this.deps.sshConfig;
    let blocks;
    try {
      blocks = await readSshConfig({ file, home, files });
    } catch (error) {
      if (isMissingFile(error)) throw new ApiError('NOT_FOUND', `There is no ssh config at ${file}.`);
      throw new ApiError('UNAVAILABLE', `Could not read ${file}: ${(error as Error).message}`);
    }
    const { hosts, skipped } = importableSshHosts(blocks);
    let target = folderId;
    if (newFolderName !== undefined) {
      const created = await this.apply([{ op: 'folder.create', name: newFolderName, parentId: folderId }]);
      target = created.createdIds[0] ?? null;
    }
    const existing = new Set(
      this.data()
        .tree.manualHosts.filter(
          (host) => ownValue(this.data().tree.hosts, host.id)?.placement?.folderId === target,
        )
        .map((host) => `${host.label}\n${host.hostName}`),
    );
    const fresh = hosts.filter((host) => !existing.has(`${host.label}\n${host.hostName}`));
    if (fresh.length > 0) {
      await this.apply(
        fresh.map((host) => ({ op: 'host.create', ...host, folderId: target, tags: [], notes: '' }) as const),
      );
    }
    return { folderId: target, created: fresh.length, skipped: skipped + hosts.length - fresh.length };
  }

  /** sessions:open succeeded: the host goes to the top of Recent. Never fails the open. */
  /** Never rejects: a connection is not held up by its place in Recent. Awaitable for tests. */
  recordConnected(hostId: string): Promise<void> {
    return (async () => {
      const listed = await this.listed();
      await this.deps.store.update((data) => recordConnection(data, hostId, this.context(listed)));
      this.announce(listed);
    })().catch((error: unknown) => {
      this.deps.logger.warn('could not record a recent host', { error: String(error) });
    });
  }

  notices(): readonly StoreNotice[] {
    return this.deps.store.notices();
  }

  private data(): StoreData {
    return this.deps.store.read();
  }

  private async listed(): Promise<ListedHosts> {
    const { hosts, sources } = await this.deps.catalog.list();
    return listedHosts(hosts, sources);
  }

  private announce(before: ListedHosts): void {
    this.revision++;
    const manualHosts = manualHostsAsHosts(this.data());
    // Sent only when they changed: every window keeps its 50,000 other hosts as they are.
    const manualJson = JSON.stringify(manualHosts);
    const manualChanged = manualJson !== this.announcedManualHosts;
    this.announcedManualHosts = manualJson;
    // Manual hosts changed with the store; everything else is as listed a moment ago.
    const byId = new Map(before.byId);
    for (const [id, host] of byId) if (host.sourceId === MANUAL_SOURCE_ID) byId.delete(id);
    for (const host of manualHosts) byId.set(host.id, host);
    const overlay = overlayView(this.data(), this.revision, { ...before, byId });
    this.changed.fire({ overlay, ...(manualChanged ? { manualHosts } : {}) });
  }

  private announcedManualHosts: string | undefined;

  /** ssh destinations of the hosts a batch duplicates, as their sources define them. */
  private async destinationsFor(mutations: readonly TreeMutation[]): Promise<Map<string, string>> {
    const ids = mutations.flatMap((m) => (m.op === 'host.duplicate' ? [m.hostId] : []));
    const destinations = new Map<string, string>();
    for (const id of ids) {
      const resolved = await this.deps.catalog.find(id);
      if (resolved) destinations.set(id, resolved.source.sshDestination(resolved.host));
    }
    return destinations;
  }

  private context(listed: ListedHosts, destinations: ReadonlyMap<string, string> = new Map()): TreeContext {
    return {
      now: this.deps.clock.now(),
      newFolderId,
      newManualHostId,
      listedHost: (id) => listed.byId.get(id),
      sourceKind: (sourceId) => listed.sourceKinds.get(sourceId),
      destinationOf: (id) => destinations.get(id),
      hostNameProblem,
    };
  }
}

function listedHosts(hosts: readonly Host[], sources: readonly SourceStatus[]): ListedHosts {
  return {
    byId: new Map(hosts.map((host) => [host.id, host])),
    sourceKinds: new Map(sources.map((source) => [source.id, source.kind])),
    sourceLabels: new Map(sources.map((source) => [source.id, source.label])),
  };
}

function newFolderId(): string {
  return `f-${randomBytes(6).toString('base64url')}`;
}

function newManualHostId(): string {
  return `${MANUAL_SOURCE_ID}:${randomBytes(9).toString('base64url')}`;
}

function refuseForbidden(risks: readonly PlacedForwardRisk[]): void {
  const refused = risks.filter((risk) => risk.verdict === 'refused');
  if (refused.length === 0) return;
  const lines = refused.map((risk) => `${risk.where}: ${risk.option} ${risk.value}: ${risk.reason}`);
  throw new ApiError(
    'INVALID_PAYLOAD',
    `Refused: ${lines.join('; ')}. Nothing was saved.`,
    refused.map((risk) => ({ path: `extraOptions.${risk.option}`, message: risk.reason })),
  );
}
