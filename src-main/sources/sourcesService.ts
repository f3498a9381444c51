import { randomBytes } from 'node:crypto';
import {
  AnsibleSourceOptions,
  NetboxSourceOptions,
  type EventMessage,
  type SourceDraft,
  type SourceInfo,
} from '../../src-preload/api';
import { ApiError } from '../common/apiError';
import { Emitter } from '../common/emitter';
import type { HostSource } from '../inventory/hostSource';
import type { NetboxTokenProvider } from '../inventory/netbox/netboxToken';
import { requireConfirmation } from '../confirm/requireConfirmation';
import type { Logger, UserConfirmation } from '../ports';
import { secretAccounts, type SecretStore } from '../secrets/secretStore';
import type { DurableStore } from '../store/durableStore';
import type { SourceConfig } from '../store/storeSchema';
import type { ManagedSource, SourceRunner } from './sourceRunner';
import { ansibleTrustRequest } from './sourceTrust';
import { SyncedHostSource } from './syncedHostSource';
import type { SyncManager } from './syncManager';

export type ConfiguredKind = 'ansible' | 'netbox';

/** Builds the runner of one configuration; options are already validated for their kind. */
export type RunnerFactory = (
  config: { id: string; label: string } & (
    { kind: 'ansible'; options: AnsibleSourceOptions } | { kind: 'netbox'; options: NetboxSourceOptions }
  ),
  token: NetboxTokenProvider,
) => SourceRunner;

export interface SourcesServiceDeps {
  store: DurableStore;
  secrets: SecretStore;
  manager: SyncManager;
  runners: RunnerFactory;
  /** Checks a path the user typed exists (inline "no such file" on the right field). */
  pathExists: (path: string) => Promise<boolean>;
  /** Running scripts and ProxyCommands is confirmed by the user outside the page (sourceTrust.ts). */
  confirmation: UserConfirmation;
  logger: Logger;
  newId?: () => string;
}

/**
 * The configured sources: kept in the store (sources section), their NetBox tokens in the OS
 * keychain only, each one run by the SyncManager. The tree sees them through hostSources().
 */
export class SourcesService {
  private readonly hostSourceCache = new Map<string, { source: ManagedSource; host: SyncedHostSource }>();
  private readonly tokens = new Set<string>();
  private readonly changed = new Emitter<{ hostsChanged: boolean }>();
  /** Configuration or status changed: compose broadcasts sources:changed. */
  readonly onDidChange = this.changed.on.bind(this.changed);

  private constructor(private readonly deps: SourcesServiceDeps) {
    deps.manager.onDidChange((change) => this.changed.fire({ hostsChanged: change.hostsChanged }));
  }

  /** Registers every stored source with its cached hosts; their syncs start in the background. */
  static async start(deps: SourcesServiceDeps): Promise<SourcesService> {
    const service = new SourcesService(deps);
    for (const config of service.configs()) await deps.manager.add(service.managed(config));
    // Only whether a token exists, for the form; asked without holding up the start (a slow keychain).
    void Promise.all(
      service.configs().map(async (config) => {
        if (await deps.secrets.get(secretAccounts.netboxToken(config.id)).catch(() => undefined)) {
          service.tokens.add(config.id);
        }
      }),
    ).then(() => service.changed.fire({ hostsChanged: false }));
    return service;
  }

  list(): SourceInfo[] {
    return this.configs().map((config) => this.info(config));
  }

  async add(draft: SourceDraft): Promise<SourceInfo> {
    await this.check(draft);
    await this.confirmTrust(draft);
    const id = (this.deps.newId ?? newSourceId)();
    const config = toConfig(id, draft);
    await this.saveToken(id, draft);
    await this.deps.store.update((data) => ({ ...data, sources: [...data.sources, config] }));
    await this.deps.manager.add(this.managed(config));
    return this.info(config);
  }

  async update(id: string, draft: SourceDraft): Promise<SourceInfo> {
    const existing = this.configs().find((c) => c.id === id);
    if (!existing) throw new ApiError('NOT_FOUND', `There is no source ${id}.`);
    if (existing.kind !== draft.kind) {
      throw new ApiError('INVALID_PAYLOAD', 'A source cannot change its kind; add a new one.', [
        { path: 'draft.kind', message: 'a source cannot change its kind' },
      ]);
    }
    await this.check(draft, id);
    await this.confirmTrust(draft, existing);
    const config = toConfig(id, draft);
    await this.saveToken(id, draft);
    await this.deps.store.update((data) => ({
      ...data,
      sources: data.sources.map((c) => (c.id === id ? config : c)),
    }));
    this.deps.manager.update(this.managed(config));
    return this.info(config);
  }

  async remove(id: string): Promise<boolean> {
    if (!this.configs().some((c) => c.id === id)) return false;
    await this.deps.store.update((data) => ({ ...data, sources: data.sources.filter((c) => c.id !== id) }));
    await this.deps.secrets.delete(secretAccounts.netboxToken(id)).catch(() => false);
    this.tokens.delete(id);
    this.hostSourceCache.delete(id);
    await this.deps.manager.remove(id);
    return true;
  }

  syncNow(id?: string): number {
    const ids = id ? [id] : this.configs().map((c) => c.id);
    if (id && !this.configs().some((c) => c.id === id))
      throw new ApiError('NOT_FOUND', `There is no source ${id}.`);
    return ids.filter((one) => this.deps.manager.syncNow(one)).length;
  }

  /** Stops a running sync of one source; false when none was running. */
  cancelSync(id: string): boolean {
    if (!this.configs().some((c) => c.id === id))
      throw new ApiError('NOT_FOUND', `There is no source ${id}.`);
    return this.deps.manager.cancelSync(id);
  }

  /** The enabled sources as host sources, for the catalog (cheap: called on every tree read). */
  hostSources(): HostSource[] {
    return this.deps.manager.active().map(({ source }) => {
      let cached = this.hostSourceCache.get(source.id);
      if (!cached || cached.source !== source) {
        cached = { source, host: new SyncedHostSource(source, () => this.deps.manager.runtime(source.id)) };
        this.hostSourceCache.set(source.id, cached);
      }
      return cached.host;
    });
  }

  /** sources:changed on every change, sources:progress at most every 100 ms per source (and at the end). */
  broadcast(router: { broadcast(message: EventMessage): void }): () => void {
    const lastSent = new Map<string, number>();
    const stopChanges = this.onDidChange(({ hostsChanged }) =>
      router.broadcast({ event: 'sources:changed', payload: { sources: this.list(), hostsChanged } }),
    );
    const stopProgress = this.deps.manager.onProgress(({ id, fetched, total }) => {
      const now = Date.now();
      if (fetched < total && now - (lastSent.get(id) ?? 0) < 100) return;
      lastSent.set(id, now);
      router.broadcast({ event: 'sources:progress', payload: { id, fetched, total } });
    });
    return () => {
      stopChanges();
      stopProgress();
    };
  }

  dispose(): void {
    this.deps.manager.dispose();
  }

  private configs(): SourceConfig[] {
    return this.deps.store.read().sources.filter((c) => c.kind === 'ansible' || c.kind === 'netbox');
  }

  private managed(config: SourceConfig): ManagedSource {
    const kind = config.kind as ConfiguredKind;
    const parsed = parseOptions(config);
    const token: NetboxTokenProvider = () =>
      this.deps.secrets.get(secretAccounts.netboxToken(config.id)).catch((error: unknown) => {
        throw new Error(`Could not read the NetBox token from the OS keychain: ${String(error)}`);
      });
    const runner: SourceRunner = parsed.ok
      ? this.deps.runners({ id: config.id, label: config.label, ...parsed.value }, token)
      : { sync: () => Promise.reject(new Error(`The stored settings are invalid: ${parsed.error}`)) };
    const intervalMinutes = parsed.ok ? parsed.value.options.intervalMinutes : 0;
    return {
      id: config.id,
      sourceId: `${kind}:${config.id}`,
      kind,
      label: config.label,
      enabled: config.enabled,
      intervalMs: intervalMinutes * 60_000,
      runner,
      ...(parsed.ok ? { location: locationOf(parsed.value) } : {}),
    };
  }

  private info(config: SourceConfig): SourceInfo {
    const kind = config.kind as ConfiguredKind;
    const parsed = parseOptions(config);
    const runtime = this.deps.manager.runtime(config.id);
    return {
      id: config.id,
      sourceId: `${kind}:${config.id}`,
      kind,
      label: config.label,
      enabled: config.enabled,
      options: parsed.ok
        ? parsed.value.options
        : kind === 'ansible'
          ? AnsibleSourceOptions.parse({ paths: ['?'] })
          : NetboxSourceOptions.parse({ url: 'https://invalid.invalid' }),
      hasToken: this.tokens.has(config.id),
      state: runtime?.state ?? (config.enabled ? 'pending' : 'disabled'),
      hostCount: runtime?.hosts.length ?? 0,
      warnings: runtime?.warnings.slice(0, 50) ?? [],
      ...(runtime?.lastSyncAt !== undefined ? { lastSyncAt: runtime.lastSyncAt } : {}),
      ...(runtime?.lastAttemptAt !== undefined ? { lastAttemptAt: runtime.lastAttemptAt } : {}),
      ...(runtime?.nextSyncAt !== undefined ? { nextSyncAt: runtime.nextSyncAt } : {}),
      ...(runtime?.error !== undefined ? { error: runtime.error } : {}),
      ...(runtime?.progress ? { progress: runtime.progress } : {}),
      ...(runtime?.lastDiff ? { lastDiff: runtime.lastDiff } : {}),
    };
  }

  /** What zod cannot know: files exist, the token matches its style, labels are unique. */
  private async check(draft: SourceDraft, id?: string): Promise<void> {
    const issues: Array<{ path: string; message: string }> = [];
    if (this.configs().some((c) => c.id !== id && c.label === draft.label)) {
      issues.push({ path: 'draft.label', message: 'another source has this name' });
    }
    if (draft.kind === 'ansible') {
      for (const [index, path] of draft.options.paths.entries()) {
        // `a,b,` is an inline host list, as ansible -i takes it.
        if (!path.includes(',') && !(await this.deps.pathExists(path))) {
          issues.push({
            path: `draft.options.paths.${index}`,
            message: `${path}: no such file or directory`,
          });
        }
      }
    } else {
      const { options, token } = draft;
      if (options.caFile && !(await this.deps.pathExists(options.caFile))) {
        issues.push({ path: 'draft.options.caFile', message: `${options.caFile}: no such file` });
      }
      const bare = token?.replace(/^(token|bearer)\s*/i, '');
      if (bare && options.tokenStyle === 'v2' && !bare.startsWith('nbt_')) {
        issues.push({ path: 'draft.token', message: 'a v2 (Bearer) token starts with nbt_' });
      }
      if (bare && options.tokenStyle === 'v1' && bare.startsWith('nbt_')) {
        issues.push({ path: 'draft.token', message: 'this is a v2 token (nbt_…): choose the Bearer style' });
      }
    }
    if (issues.length > 0) {
      throw new ApiError('INVALID_PAYLOAD', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
    }
  }

  /** A page (possibly compromised) cannot turn on running programs by itself: the user confirms outside it. */
  private async confirmTrust(draft: SourceDraft, existing?: SourceConfig): Promise<void> {
    if (draft.kind !== 'ansible') return;
    const previous = existing ? parseOptions(existing) : undefined;
    const request = ansibleTrustRequest(
      draft.options,
      previous?.ok && previous.value.kind === 'ansible' ? previous.value.options : undefined,
    );
    if (request) await requireConfirmation(this.deps.confirmation, request);
  }

  private async saveToken(id: string, draft: SourceDraft): Promise<void> {
    if (draft.kind !== 'netbox') return;
    const account = secretAccounts.netboxToken(id);
    try {
      if (draft.token) {
        await this.deps.secrets.set(account, draft.token);
        this.tokens.add(id);
      } else if (draft.clearToken) {
        await this.deps.secrets.delete(account);
        this.tokens.delete(id);
      }
    } catch (error) {
      // Never fall back to the store: a token goes to the keychain or nowhere.
      throw new ApiError(
        'UNAVAILABLE',
        `Could not save the NetBox token in the OS keychain: ${String(error)}`,
        [{ path: 'draft.token', message: 'the OS keychain is not available' }],
      );
    }
  }
}

type ParsedOptions =
  | {
      ok: true;
      value:
        { kind: 'ansible'; options: AnsibleSourceOptions } | { kind: 'netbox'; options: NetboxSourceOptions };
    }
  | { ok: false; error: string };

function parseOptions(config: SourceConfig): ParsedOptions {
  const parsed =
    config.kind === 'ansible'
      ? AnsibleSourceOptions.safeParse(config.options)
      : NetboxSourceOptions.safeParse(config.options);
  if (!parsed.success) {
    return {
      ok: false,
      error: parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; '),
    };
  }
  return config.kind === 'ansible'
    ? { ok: true, value: { kind: 'ansible', options: parsed.data as AnsibleSourceOptions } }
    : { ok: true, value: { kind: 'netbox', options: parsed.data as NetboxSourceOptions } };
}

function toConfig(id: string, draft: SourceDraft): SourceConfig {
  return { id, kind: draft.kind, label: draft.label, enabled: draft.enabled, options: { ...draft.options } };
}

function locationOf(
  value:
    { kind: 'ansible'; options: AnsibleSourceOptions } | { kind: 'netbox'; options: NetboxSourceOptions },
): string {
  return value.kind === 'ansible' ? value.options.paths.join(', ') : value.options.url;
}

function newSourceId(): string {
  return `s-${randomBytes(6).toString('base64url')}`;
}
