import { FormField } from '../TreeDialogs/FormField';
import type { FieldErrors, SourceForm } from '../../stores/sources.logic';

/** The fields of one source; every input has a label, errors sit under the field they name. */
export function SourceFormView({
  form,
  errors,
  hasToken,
  onChange,
}: {
  form: SourceForm;
  errors: FieldErrors;
  hasToken: boolean;
  onChange: (patch: Partial<SourceForm>) => void;
}) {
  const text = (field: keyof SourceForm, label: string, hint?: string, multiline = false) => (
    <FormField label={label} error={errors[field]} hint={hint}>
      {(control) =>
        multiline ? (
          <textarea
            {...control}
            className="form-input"
            rows={3}
            value={String(form[field])}
            onChange={(event) => onChange({ [field]: event.target.value })}
          />
        ) : (
          <input
            {...control}
            className="form-input"
            value={String(form[field])}
            onChange={(event) => onChange({ [field]: event.target.value })}
          />
        )
      }
    </FormField>
  );
  const check = (field: keyof SourceForm, label: string, extra?: string) => (
    <label className="sources-check">
      <input
        type="checkbox"
        checked={Boolean(form[field])}
        onChange={(event) => onChange({ [field]: event.target.checked })}
      />
      {label}
      {extra ? <span className="sources-unsafe">{extra}</span> : null}
    </label>
  );

  return (
    <div className="form-grid sources-form">
      {text('label', 'Name')}
      {text(
        'intervalMinutes',
        'Auto-refresh (minutes)',
        '0: only at start, on “Sync now” and on file changes',
      )}
      {form.kind === 'ansible' ? (
        <>
          {text('paths', 'Inventory paths', 'Files or directories, one per line; merged in this order', true)}
          {check('allowScripts', 'Run executable inventory scripts')}
          {check('allowProxyCommand', 'Allow ProxyCommand from the inventory')}
          {(form.allowScripts || form.allowProxyCommand) && (
            <p className="form-hint">
              Both run programs as you. On Save, Muxdeck asks you to confirm with these paths (in serve mode,
              on the terminal that runs muxdeck serve).
            </p>
          )}
        </>
      ) : (
        <>
          {text('url', 'NetBox URL', 'https://netbox.example.com')}
          <FormField
            label="API token"
            error={errors.token}
            hint={
              hasToken
                ? 'A token is saved in the OS keychain; leave empty to keep it'
                : 'Kept in the OS keychain'
            }
          >
            {(control) => (
              <input
                {...control}
                type="password"
                autoComplete="off"
                className="form-input"
                value={form.token}
                onChange={(event) => onChange({ token: event.target.value })}
              />
            )}
          </FormField>
          <FormField label="Token style" error={errors.tokenStyle}>
            {(control) => (
              <select
                {...control}
                className="form-input"
                value={form.tokenStyle}
                onChange={(event) => onChange({ tokenStyle: event.target.value as SourceForm['tokenStyle'] })}
              >
                <option value="auto">Automatic (nbt_… is Bearer)</option>
                <option value="v1">Token (v1)</option>
                <option value="v2">Bearer nbt_… (v2, NetBox 4.5+)</option>
              </select>
            )}
          </FormField>
          {hasToken ? check('clearToken', 'Remove the saved token') : null}
          {text('caFile', 'CA file (PEM)', 'Trusted in addition to the system CAs')}
          {check(
            'insecureSkipVerify',
            'Skip TLS verification',
            'Unsafe: anyone on the path can read the token',
          )}
          <FormField label="Import" error={errors.kinds}>
            {(control) => (
              <select
                {...control}
                className="form-input"
                value={form.kinds}
                onChange={(event) => onChange({ kinds: event.target.value as SourceForm['kinds'] })}
              >
                <option value="both">Devices and virtual machines</option>
                <option value="devices">Devices</option>
                <option value="vms">Virtual machines</option>
              </select>
            )}
          </FormField>
          {text('site', 'Sites', 'Slugs, comma separated')}
          {text('role', 'Roles')}
          {text('tenant', 'Tenants')}
          {text('tag', 'Tags')}
          {text('status', 'Statuses', 'active, planned, …')}
          {text('platform', 'Platforms')}
          {text('query', 'Other filters', 'key=value, one per line (name__ic=web, vm:cluster=prod)', true)}
          {text(
            'addressFrom',
            'Address from',
            'In order: primary-ip4, primary-ip6, primary-ip, oob-ip, dns-name, name',
          )}
          {text(
            'groupBy',
            'Group by',
            'Folder levels in order: site, location, role, tenant, platform, cluster, tag',
          )}
        </>
      )}
      {check('enabled', 'Enabled')}
    </div>
  );
}
