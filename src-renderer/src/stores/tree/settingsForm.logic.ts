import {
  HostSettings,
  PersistenceMode,
  treeFields,
  type InheritedSettings,
  type SettingOrigin,
  type TreeFolder,
  formatSshExtraOptions,
  parseSshExtraOptions,
  sshExtraOptionWarnings,
} from '../../../../src-preload/api';

/** The inheritable settings as a form edits them: strings, '' meaning "inherit". */
export interface SettingsFormValues {
  user: string;
  port: string;
  identityFile: string;
  jumpHost: string;
  persistence: '' | PersistenceMode;
  logging: '' | 'on' | 'off';
  /** One `Name value` per line; empty inherits. */
  extraOptions: string;
}

export type SettingsField = keyof SettingsFormValues;

/** Folder choices in forms: these two are never folder ids (ids have no colon). */
export const TOP_LEVEL = ':top';
export const NOT_IN_FOLDERS = ':none';

export const emptySettingsForm: SettingsFormValues = {
  user: '',
  port: '',
  identityFile: '',
  jumpHost: '',
  persistence: '',
  logging: '',
  extraOptions: '',
};

export function settingsFormFrom(settings: HostSettings | undefined): SettingsFormValues {
  return {
    user: settings?.user ?? '',
    port: settings?.port === undefined ? '' : String(settings.port),
    identityFile: settings?.identityFile ?? '',
    jumpHost: settings?.jumpHost ?? '',
    persistence: settings?.persistence ?? '',
    logging: settings?.logging === undefined ? '' : settings.logging ? 'on' : 'off',
    extraOptions: formatSshExtraOptions(settings?.extraOptions),
  };
}

function firstIssue(result: {
  success: boolean;
  error?: { issues: Array<{ message: string }> };
}): string | undefined {
  return result.success ? undefined : (result.error?.issues[0]?.message ?? 'invalid');
}

/** Field-by-field, with the contract's own rules, so the form says what the main process would refuse. */
export function validateSettings(values: SettingsFormValues): Partial<Record<SettingsField, string>> {
  const errors: Partial<Record<SettingsField, string>> = {};
  const check = (field: SettingsField, message: string | undefined) => {
    if (message) errors[field] = message;
  };
  if (values.user.trim()) check('user', firstIssue(treeFields.user.safeParse(values.user)));
  if (values.port.trim()) {
    const port = /^\d+$/.test(values.port.trim()) ? Number(values.port.trim()) : Number.NaN;
    check(
      'port',
      Number.isNaN(port) ? 'a port is a number from 1 to 65535' : firstIssue(treeFields.port.safeParse(port)),
    );
  }
  if (values.identityFile.trim())
    check('identityFile', firstIssue(treeFields.identityFile.safeParse(values.identityFile)));
  if (values.jumpHost.trim()) check('jumpHost', firstIssue(treeFields.jumpHost.safeParse(values.jumpHost)));
  const extra = parseSshExtraOptions(values.extraOptions);
  if (!extra.ok) check('extraOptions', extra.problem);
  return errors;
}

/**
 * What the typed extra options hand over (agent or X11 forwarding, forwards beyond loopback), shown under
 * the field: allowed, but the user should see it before saving. None while the text does not parse.
 */
export function extraOptionWarnings(values: Pick<SettingsFormValues, 'extraOptions'>): string[] {
  const extra = parseSshExtraOptions(values.extraOptions);
  return extra.ok ? sshExtraOptionWarnings(extra.options) : [];
}

/** The settings to send; call only when validateSettings found nothing. */
export function settingsFromForm(values: SettingsFormValues): HostSettings {
  const settings: HostSettings = {};
  if (values.user.trim()) settings.user = values.user.trim();
  if (values.port.trim()) settings.port = Number(values.port.trim());
  if (values.identityFile.trim()) settings.identityFile = values.identityFile.trim();
  if (values.jumpHost.trim()) settings.jumpHost = values.jumpHost.trim();
  if (values.persistence) settings.persistence = values.persistence;
  if (values.logging) settings.logging = values.logging === 'on';
  const extra = parseSshExtraOptions(values.extraOptions);
  if (extra.ok && Object.keys(extra.options).length > 0) settings.extraOptions = extra.options;
  return HostSettings.parse(settings);
}

export function describeOrigin(origin: SettingOrigin): string {
  switch (origin.kind) {
    case 'folder':
      return `folder “${origin.name}”`;
    case 'source':
      return origin.label;
    case 'default':
      return 'Muxdeck’s default';
    case 'ssh-config':
      return 'the ssh config';
    case 'source-folder':
      return `source folder “${origin.name}”`;
  }
}

type InheritedEntry = NonNullable<InheritedSettings[keyof InheritedSettings]>;

function shownValue(entry: InheritedEntry): string {
  return typeof entry.value === 'boolean'
    ? entry.value
      ? 'on'
      : 'off'
    : typeof entry.value === 'object'
      ? formatSshExtraOptions(entry.value).replaceAll('\n', '; ')
      : String(entry.value);
}

/** "Inherited: deploy (from folder “Customers”)", or what happens when nothing sets it. */
export function inheritedHint(field: SettingsField, inherited: InheritedSettings | null): string {
  const entry = inherited?.[field];
  if (!entry) {
    if (field === 'user') return 'Not set: ssh uses your login name';
    if (field === 'port') return 'Not set: ssh uses 22';
    if (field === 'identityFile') return 'Not set: ssh tries your agent and its default keys';
    return 'Not set';
  }
  return `Inherited: ${shownValue(entry)} (from ${describeOrigin(entry.from)})`;
}

/**
 * The field's effective value and where it comes from: this form when it is filled (and what it
 * overrides), else the layer it inherits from (a folder, the source, the ssh config, the default).
 */
export function fieldHint(
  field: SettingsField,
  values: SettingsFormValues,
  inherited: InheritedSettings | null,
): string {
  const own = values[field].trim();
  if (!own) return inheritedHint(field, inherited);
  const entry = inherited?.[field];
  const shown = field === 'extraOptions' ? own.split('\n').filter(Boolean).join('; ') : own;
  const overrides = entry ? ` (instead of ${shownValue(entry)} from ${describeOrigin(entry.from)})` : '';
  return `Set here: ${shown}${overrides}`;
}

export interface FolderOption {
  value: string;
  label: string;
  depth: number;
}

/** Folders in tree order for a <select>, without `exclude` and what is inside it (a folder cannot go into itself). */
export function folderOptions(folders: readonly TreeFolder[], exclude?: string): FolderOption[] {
  const options: FolderOption[] = [];
  const walk = (parentId: string | null, depth: number, seen: Set<string>) => {
    const children = folders
      .filter((folder) => folder.parentId === parentId && folder.id !== exclude)
      .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
    for (const folder of children) {
      if (seen.has(folder.id)) continue;
      seen.add(folder.id);
      options.push({ value: folder.id, label: folder.name, depth });
      walk(folder.id, depth + 1, seen);
    }
  };
  walk(null, 1, new Set());
  return options;
}
