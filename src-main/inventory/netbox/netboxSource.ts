import type { Host } from '../../../src-preload/api';
import { ApiError } from '../../common/apiError';
import type { FileReader, Logger } from '../../ports';
import type { HostSource, HostSourceSnapshot } from '../hostSource';
import { withDefaults, type NetboxSourceSettings, type NetboxSourceSettingsInput } from './netboxConfig';
import type { NetboxHostDetails } from './netboxHostMapper';
import type { NetboxHttp } from './netboxHttp';
import { importFromNetbox, type NetboxImportResult } from './netboxImport';
import type { NetboxTokenProvider } from './netboxToken';
import { createNetboxHttp, type NetboxTlsSettings } from './netboxTransport';
import { parseNetboxUrl } from './netboxUrl';

export interface NetboxSourceConfig {
  /** Stable id of this source in the user's settings; hosts get ids `netbox:<id>:device:<n>` / `:vm:<n>`. */
  id: string;
  label?: string;
  settings: NetboxSourceSettingsInput;
  /** Asked at every sync, so a token changed in the keychain applies to the next one. */
  token: NetboxTokenProvider;
}

export interface NetboxSourceDeps {
  files: Pick<FileReader, 'readText'>;
  /** The HTTP port for the source's TLS settings (default: undici). */
  createHttp?: (tls: NetboxTlsSettings) => Promise<NetboxHttp>;
  logger?: Logger;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /**
   * load() reuses a result younger than this instead of asking NetBox again: HostCatalog.find
   * loads the source for every connection, and one click must not cost a full sync.
   */
  reuseWithinMs?: number;
}

export interface NetboxSyncOptions {
  signal?: AbortSignal;
  onProgress?: (progress: { fetched: number; total: number }) => void;
}

export const NETBOX_SOURCE_PREFIX = 'netbox';

/**
 * NetBox as a HostSource. `sync()` is one import that throws on failure; `load()` never throws:
 * on failure it returns the last good hosts (if any) with the error, so a broken NetBox leaves
 * the tree stale, not empty. Concurrent loads share one sync.
 */
export class NetboxSource implements HostSource {
  readonly id: string;
  readonly kind = 'netbox' as const;
  readonly label: string;
  private readonly settings: NetboxSourceSettings;
  private lastGood: { at: number; result: NetboxImportResult } | undefined;
  private running: Promise<NetboxImportResult> | undefined;
  private details = new Map<string, NetboxHostDetails>();

  constructor(
    private readonly config: NetboxSourceConfig,
    private readonly deps: NetboxSourceDeps,
  ) {
    this.id = `${NETBOX_SOURCE_PREFIX}:${config.id}`;
    this.settings = withDefaults(config.settings);
    this.label = config.label ?? labelFor(this.settings.url);
  }

  async load(): Promise<HostSourceSnapshot> {
    const location = this.location();
    const reuseWithinMs = this.deps.reuseWithinMs ?? 30_000;
    if (this.lastGood && this.now() - this.lastGood.at < reuseWithinMs) {
      return { hosts: this.lastGood.result.hosts.map((h) => h.host), location };
    }
    try {
      const result = await this.sync();
      return { hosts: result.hosts.map((h) => h.host), location };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { hosts: this.lastGood?.result.hosts.map((h) => h.host) ?? [], location, error: message };
    }
  }

  /** One import from NetBox; concurrent callers share it. Throws NetboxError on failure. */
  sync(options: NetboxSyncOptions = {}): Promise<NetboxImportResult> {
    this.running ??= this.runSync(options).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** The NetBox-specific facts of a host from the last good sync. */
  hostDetails(hostId: string): NetboxHostDetails | undefined {
    return this.details.get(hostId);
  }

  get lastResult(): NetboxImportResult | undefined {
    return this.lastGood?.result;
  }

  sshDestination(host: Host): string {
    // The session service checks the destination's characters; a host the mapper flagged
    // (unsafe user or port, no usable address) must not be connected to at all.
    if (host.problem) throw new ApiError('INVALID_HOST', `Cannot connect to ${host.label}: ${host.problem}`);
    if (!host.address) throw new ApiError('INVALID_HOST', `${host.label} has no address in NetBox.`);
    // User and port travel as Host.user/Host.port: the tree's effective settings turn them into
    // -l/-p, where the user's own overrides can win. The destination is the checked address only.
    return host.address;
  }

  private async runSync(options: NetboxSyncOptions): Promise<NetboxImportResult> {
    const token = await this.config.token();
    const http = await (this.deps.createHttp ?? ((tls) => createNetboxHttp(tls, this.deps.files)))({
      ...(this.settings.caFile ? { caFile: this.settings.caFile } : {}),
      ...(this.settings.insecureSkipVerify ? { insecureSkipVerify: true } : {}),
    });
    try {
      const result = await importFromNetbox(
        { sourceId: this.id, settings: this.settings, token },
        {
          http,
          now: () => this.now(),
          ...(this.deps.sleep ? { sleep: this.deps.sleep } : {}),
          ...(this.deps.random ? { random: this.deps.random } : {}),
          ...(this.deps.logger ? { logger: this.deps.logger } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        },
      );
      this.lastGood = { at: this.now(), result };
      this.details = new Map(result.hosts.map((h) => [h.host.id, h.details]));
      return result;
    } finally {
      await http.close();
    }
  }

  private location(): string {
    try {
      return parseNetboxUrl(this.settings.url).base;
    } catch {
      return 'NetBox (invalid URL)';
    }
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }
}

function labelFor(url: string): string {
  try {
    return `NetBox ${parseNetboxUrl(url).host}`;
  } catch {
    return 'NetBox';
  }
}
