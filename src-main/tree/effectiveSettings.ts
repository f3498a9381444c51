import type { Host, HostSourceKind, PersistenceMode } from '../../src-preload/api';
import type { SshHostOptions } from '../ssh/sshHostOptions';

/** How one host is to be connected, after the user's overlay and folder inheritance. */
export interface EffectiveHostSettings {
  /** The user's name for the host (a rename), else the source's label. */
  label: string;
  /** What ssh must be told on its command line; values ssh reads from its own config are left out. */
  sshOptions: SshHostOptions;
  persistence: PersistenceMode;
  logging: boolean;
}

/** The session service asks this when it opens a session (the tree service implements it). */
export interface EffectiveSettingsProvider {
  effectiveSettings(host: Host, sourceKind: HostSourceKind): EffectiveHostSettings;
}
