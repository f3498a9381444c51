import { z } from 'zod';
import { ownRecord } from '../common/ownRecord';
import {
  AppSettings,
  DEFAULT_APP_SETTINGS,
  HostOverlay,
  SourceGroupOverlay,
  HostSourceKind,
  KnownHost,
  ManualHostRecord,
  RecentEntry,
  TreeFolder,
  WorkspaceLayout,
} from '../../src-preload/api';

/**
 * The one persistent document (ARCHITECTURE.md §3). Bump STORE_VERSION and add a migration in
 * migrations.ts for any change an older file cannot satisfy. There is deliberately no field that
 * could hold a secret: passwords, passphrases and API tokens live in the OS keychain only.
 */
export const STORE_VERSION = 2;

/**
 * A record keyed by user data, read into a record without a prototype (ARCHITECTURE.md §3). A key that
 * names a prototype is dropped, not refused: one bad key must not cost the whole store (issue 11).
 */
function userKeyed<T extends z.ZodType>(value: T) {
  return z.record(z.string(), value).transform((record) => ownRecord(record));
}

export const TreeSection = z.object({
  folders: z.array(TreeFolder),
  /** The user's own hosts (source "manual"); their tags, notes, settings and folder are in `hosts`. */
  manualHosts: z.array(ManualHostRecord),
  /** Everything laid over a host, synced or manual, by host id. */
  hosts: userKeyed(HostOverlay),
  favourites: z.array(z.string()),
  recent: z.array(RecentEntry),
  known: userKeyed(KnownHost),
  /** Settings and notes on source folders by sourceGroupKey; absent in files written before it existed. */
  sourceGroups: userKeyed(SourceGroupOverlay).optional(),
});
export type TreeSection = z.infer<typeof TreeSection>;

const SourceOptionValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

/** Option names that only ever hold a secret, compared lower-case without separators (api_token = apiToken). */
const SECRET_OPTION_NAMES = new Set([
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'apitoken',
  'apikey',
  'accesstoken',
  'authtoken',
  'bearertoken',
  'privatekey',
  'clientsecret',
]);

export function isSecretOptionName(name: string): boolean {
  return SECRET_OPTION_NAMES.has(name.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/**
 * Source options are free-form, so a secret could be put there by mistake: such an option is dropped
 * both when a file is read and before anything is written (encodeStore parses too), so it never reaches
 * the disk and an old file loses it at the next save. A reference to a keychain entry (tokenRef,
 * keychainAccount...) is not a secret and is kept.
 */
const SourceOptions = z
  .record(z.string(), SourceOptionValue)
  .transform((options) => ownRecord(Object.entries(options).filter(([name]) => !isSecretOptionName(name))));

/** A configured inventory source (Ansible paths, a NetBox URL and filters...). Tokens go to the keychain. */
export const SourceConfig = z.object({
  id: z.string().min(1).max(64),
  kind: HostSourceKind,
  label: z.string().max(200),
  enabled: z.boolean(),
  options: SourceOptions,
});
export type SourceConfig = z.infer<typeof SourceConfig>;

/**
 * The contract's AppSettings, each with its default, so a setting added later needs no new store version:
 * a file written before it existed reads as the default.
 */
export const StoredSettings = z.object({
  recentLimit: AppSettings.shape.recentLimit.default(DEFAULT_APP_SETTINGS.recentLimit),
  reconnectAttempts: AppSettings.shape.reconnectAttempts.default(DEFAULT_APP_SETTINGS.reconnectAttempts),
  connectTimeoutSeconds: AppSettings.shape.connectTimeoutSeconds.default(
    DEFAULT_APP_SETTINGS.connectTimeoutSeconds,
  ),
  keepClosedPanes: AppSettings.shape.keepClosedPanes.default(DEFAULT_APP_SETTINGS.keepClosedPanes),
  confirmCloseConnected: AppSettings.shape.confirmCloseConnected.default(
    DEFAULT_APP_SETTINGS.confirmCloseConnected,
  ),
  logSizeCapMb: AppSettings.shape.logSizeCapMb.default(DEFAULT_APP_SETTINGS.logSizeCapMb),
  terminal: AppSettings.shape.terminal.default({}),
  autoUpdate: AppSettings.shape.autoUpdate.default(DEFAULT_APP_SETTINGS.autoUpdate),
  groupOpensAs: AppSettings.shape.groupOpensAs.default(DEFAULT_APP_SETTINGS.groupOpensAs),
  runParallel: AppSettings.shape.runParallel.default(DEFAULT_APP_SETTINGS.runParallel),
  runTimeoutSeconds: AppSettings.shape.runTimeoutSeconds.default(DEFAULT_APP_SETTINGS.runTimeoutSeconds),
  agents: AppSettings.shape.agents.default(DEFAULT_APP_SETTINGS.agents),
  // A width outside the limits (a hand edit) costs only the sidebar's width, not the settings.
  sidebar: AppSettings.shape.sidebar
    .default(DEFAULT_APP_SETTINGS.sidebar)
    .catch(DEFAULT_APP_SETTINGS.sidebar),
});

export const Layout = z.object({
  /** Expanded/collapsed tree nodes by node id. */
  expanded: userKeyed(z.boolean()),
  /**
   * Tabs, splits and tab groups by session id (issue 6); a default, so older files need no migration.
   * A workspace the contract refuses (one saved before splits were depth-bounded, issue 11) reads as
   * empty rather than costing the whole store: sessions live in tmux and are shown again as tabs.
   */
  workspace: WorkspaceLayout.default(() => emptyWorkspace()).catch(() => emptyWorkspace()),
});

export const StoreData = z.object({
  version: z.literal(STORE_VERSION),
  tree: TreeSection,
  settings: StoredSettings,
  sources: z.array(SourceConfig),
  layout: Layout,
});
export type StoreData = z.infer<typeof StoreData>;

export function emptyTree(): TreeSection {
  return { folders: [], manualHosts: [], hosts: ownRecord(), favourites: [], recent: [], known: ownRecord() };
}

export function emptyStore(): StoreData {
  return {
    version: STORE_VERSION,
    tree: emptyTree(),
    settings: { ...DEFAULT_APP_SETTINGS, terminal: {} },
    sources: [],
    layout: { expanded: ownRecord(), workspace: emptyWorkspace() },
  };
}

export function emptyWorkspace(): WorkspaceLayout {
  return { tabs: [], groups: [], activeTabId: null };
}
