import {
  SourceDraft,
  type AnsibleSourceOptions,
  type NetboxSourceOptions,
  type SourceInfo,
} from '../../../src-preload/api';

/**
 * The top bar's sync indicator: "2 sources ok", "syncing 1 of 3", "1 stale of 2", "no sources", and
 * "1 source ok · 1 warning" when a sync skipped something (a hosts.ini in a directory): "ok" alone
 * would hide why a source has fewer hosts than expected. warnings names each, for the tooltip.
 */
export function syncSummary(sources: readonly SourceInfo[]): {
  text: string;
  tone: 'ok' | 'busy' | 'warn' | 'idle';
  warnings: string[];
} {
  const enabled = sources.filter((s) => s.enabled);
  const warnings = enabled.flatMap((s) => s.warnings.map((warning) => `${s.label}: ${warning}`));
  if (enabled.length === 0) return { text: 'no sources', tone: 'idle', warnings };
  const syncing = enabled.filter((s) => s.state === 'syncing' || s.state === 'pending').length;
  const failing = enabled.filter((s) => s.state === 'stale' || s.state === 'error').length;
  const plural = (n: number) => `${n} source${n === 1 ? '' : 's'}`;
  if (syncing > 0) return { text: `syncing ${syncing} of ${enabled.length}`, tone: 'busy', warnings };
  if (failing > 0) return { text: `${failing} of ${plural(enabled.length)} stale`, tone: 'warn', warnings };
  if (warnings.length > 0) {
    return {
      text: `${plural(enabled.length)} ok · ${warningCount(warnings.length)}`,
      tone: 'warn',
      warnings,
    };
  }
  return { text: `${plural(enabled.length)} ok`, tone: 'ok', warnings };
}

/** "1 warning", "3 warnings". */
export function warningCount(count: number): string {
  return `${count} warning${count === 1 ? '' : 's'}`;
}

/** The form's fields as text, one per input; converted to a SourceDraft on save. */
export interface SourceForm {
  kind: 'ansible' | 'netbox';
  label: string;
  enabled: boolean;
  intervalMinutes: string;
  // Ansible
  paths: string;
  allowScripts: boolean;
  allowProxyCommand: boolean;
  // NetBox
  url: string;
  token: string;
  clearToken: boolean;
  tokenStyle: NetboxSourceOptions['tokenStyle'];
  caFile: string;
  insecureSkipVerify: boolean;
  kinds: NetboxSourceOptions['kinds'];
  site: string;
  role: string;
  tenant: string;
  tag: string;
  status: string;
  platform: string;
  query: string;
  addressFrom: string;
  groupBy: string;
}

const NAMED_FILTERS = ['site', 'role', 'tenant', 'tag', 'status', 'platform'] as const;

export function emptyForm(kind: 'ansible' | 'netbox'): SourceForm {
  return {
    kind,
    label: '',
    enabled: true,
    intervalMinutes: kind === 'netbox' ? '60' : '0',
    paths: '',
    allowScripts: false,
    allowProxyCommand: false,
    url: '',
    token: '',
    clearToken: false,
    tokenStyle: 'auto',
    caFile: '',
    insecureSkipVerify: false,
    kinds: 'both',
    site: '',
    role: '',
    tenant: '',
    tag: '',
    status: '',
    platform: '',
    query: '',
    addressFrom: 'primary-ip4, primary-ip6',
    groupBy: 'site, role',
  };
}

export function formOf(source: SourceInfo): SourceForm {
  const form = emptyForm(source.kind);
  form.label = source.label;
  form.enabled = source.enabled;
  form.intervalMinutes = String(source.options.intervalMinutes);
  if (source.kind === 'ansible') {
    const options = source.options as AnsibleSourceOptions;
    form.paths = options.paths.join('\n');
    form.allowScripts = options.allowScripts;
    form.allowProxyCommand = options.allowProxyCommand;
    return form;
  }
  const options = source.options as NetboxSourceOptions;
  form.url = options.url;
  form.tokenStyle = options.tokenStyle;
  form.caFile = options.caFile;
  form.insecureSkipVerify = options.insecureSkipVerify;
  form.kinds = options.kinds;
  const query: string[] = [];
  const named: Record<string, string[]> = {};
  for (const filter of options.filters) {
    const key = filter.slice(0, filter.indexOf('='));
    if ((NAMED_FILTERS as readonly string[]).includes(key))
      (named[key] ??= []).push(filter.slice(key.length + 1));
    else query.push(filter);
  }
  for (const key of NAMED_FILTERS) form[key] = (named[key] ?? []).join(', ');
  form.query = query.join('\n');
  form.addressFrom = options.addressFrom.join(', ');
  form.groupBy = options.groupBy.join(', ');
  return form;
}

const list = (text: string, separator: RegExp) =>
  text
    .split(separator)
    .map((item) => item.trim())
    .filter(Boolean);

/** The draft a form stands for, unvalidated (zod checks it, here and in the main process). */
export function draftOf(form: SourceForm): unknown {
  const interval = form.intervalMinutes.trim() === '' ? 0 : Number(form.intervalMinutes);
  if (form.kind === 'ansible') {
    return {
      kind: 'ansible',
      label: form.label,
      enabled: form.enabled,
      options: {
        paths: list(form.paths, /\n/),
        allowScripts: form.allowScripts,
        allowProxyCommand: form.allowProxyCommand,
        intervalMinutes: interval,
      },
    };
  }
  const filters = [
    ...NAMED_FILTERS.flatMap((key) => list(form[key], /,/).map((value) => `${key}=${value}`)),
    ...list(form.query, /\n/),
  ];
  return {
    kind: 'netbox',
    label: form.label,
    enabled: form.enabled,
    options: {
      url: form.url,
      tokenStyle: form.tokenStyle,
      caFile: form.caFile,
      insecureSkipVerify: form.insecureSkipVerify,
      kinds: form.kinds,
      filters,
      addressFrom: list(form.addressFrom, /,/),
      groupBy: list(form.groupBy, /,/),
      intervalMinutes: interval,
    },
    ...(form.token.trim() ? { token: form.token.trim() } : {}),
    ...(form.clearToken ? { clearToken: true } : {}),
  };
}

/** Which form field an issue path (`draft.options.paths.0`, `options.url`) belongs to. */
export function fieldOfIssue(path: string): keyof SourceForm | undefined {
  const parts = path.split('.').filter((p) => p !== 'draft');
  const [head, key] = parts;
  if (head === 'label' || head === 'token') return head;
  if (head !== 'options' || !key) return undefined;
  if (key === 'filters') return 'query';
  const known: Record<string, keyof SourceForm> = {
    paths: 'paths',
    url: 'url',
    caFile: 'caFile',
    tokenStyle: 'tokenStyle',
    addressFrom: 'addressFrom',
    groupBy: 'groupBy',
    intervalMinutes: 'intervalMinutes',
    kinds: 'kinds',
  };
  return known[key];
}

export type FieldErrors = Partial<Record<keyof SourceForm, string>>;

/** Validates the form as the main process will; errors by field, in the words of the schema. */
export function validateForm(form: SourceForm): { draft?: SourceDraft; errors: FieldErrors } {
  const parsed = SourceDraft.safeParse(draftOf(form));
  if (parsed.success) return { draft: parsed.data, errors: {} };
  return {
    errors: errorsOf(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))),
  };
}

export function errorsOf(issues: ReadonlyArray<{ path: string; message: string }>): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = fieldOfIssue(issue.path);
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

/** "3 added, 1 removed, 2 changed (web-01, …)" for a source's last sync. */
export function diffText(source: SourceInfo): string {
  const diff = source.lastDiff;
  if (!diff) return '';
  const parts = [
    diff.added ? `${diff.added} added` : '',
    diff.removed ? `${diff.removed} removed` : '',
    diff.changed ? `${diff.changed} changed` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}
