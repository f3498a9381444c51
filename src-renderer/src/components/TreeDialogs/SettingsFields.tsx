import type { InheritedSettings } from '../../../../src-preload/api';
import {
  extraOptionWarnings,
  inheritedHint,
  type SettingsField,
  type SettingsFormValues,
} from '../../stores/tree/settingsForm.logic';
import { FormField } from './FormField';

interface SettingsFieldsProps {
  values: SettingsFormValues;
  errors: Partial<Record<SettingsField, string>>;
  inherited: InheritedSettings | null;
  onChange: (field: SettingsField, value: string) => void;
  onBlur: (field: SettingsField) => void;
}

/** The inheritable settings; an empty field inherits, and its hint says what and from where. */
export function SettingsFields({ values, errors, inherited, onChange, onBlur }: SettingsFieldsProps) {
  const text = (field: 'user' | 'port' | 'identityFile' | 'jumpHost', label: string, placeholder: string) => (
    <FormField label={label} error={errors[field]} hint={inheritedHint(field, inherited)}>
      {(control) => (
        <input
          {...control}
          className="form-input"
          value={values[field]}
          placeholder={inherited?.[field] ? String(inherited[field].value) : placeholder}
          inputMode={field === 'port' ? 'numeric' : undefined}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onChange(field, event.target.value)}
          onBlur={() => onBlur(field)}
        />
      )}
    </FormField>
  );
  const inheritLabel = (field: 'persistence' | 'logging') => {
    const entry = inherited?.[field];
    const value =
      entry === undefined
        ? ''
        : typeof entry.value === 'boolean'
          ? entry.value
            ? 'on'
            : 'off'
          : entry.value;
    return value ? `Inherit (${value})` : 'Inherit';
  };
  const extraWarnings = extraOptionWarnings(values);
  return (
    <fieldset className="form-settings">
      <legend>Connection settings (empty: inherited)</legend>
      <div className="form-grid">
        {text('user', 'User', 'from ssh')}
        {text('port', 'Port', '22')}
        {text('identityFile', 'Identity file', '~/.ssh/id_ed25519')}
        {text('jumpHost', 'Jump host', 'user@bastion:22')}
        <FormField label="Persistence" hint={inheritedHint('persistence', inherited)}>
          {(control) => (
            <select
              {...control}
              className="form-input"
              value={values.persistence}
              onChange={(event) => onChange('persistence', event.target.value)}
            >
              <option value="">{inheritLabel('persistence')}</option>
              <option value="local">local: tmux on this machine</option>
              <option value="remote">remote: tmux on the host</option>
              <option value="direct">direct: plain ssh</option>
            </select>
          )}
        </FormField>
        <FormField label="Session logging" hint={inheritedHint('logging', inherited)}>
          {(control) => (
            <select
              {...control}
              className="form-input"
              value={values.logging}
              onChange={(event) => onChange('logging', event.target.value)}
            >
              <option value="">{inheritLabel('logging')}</option>
              <option value="on">on</option>
              <option value="off">off</option>
            </select>
          )}
        </FormField>
      </div>
      <FormField
        label="Extra ssh options"
        error={errors.extraOptions}
        hint={`${inheritedHint('extraOptions', inherited)}. One per line, e.g. ServerAliveInterval 30; only options that run no program are allowed.`}
      >
        {(control) => (
          <textarea
            {...control}
            className="form-input form-textarea"
            value={values.extraOptions}
            rows={3}
            placeholder="ServerAliveInterval 30"
            spellCheck={false}
            onChange={(event) => onChange('extraOptions', event.target.value)}
            onBlur={() => onBlur('extraOptions')}
          />
        )}
      </FormField>
      {extraWarnings.length > 0 && (
        <ul className="form-warnings" role="note" aria-label="What these ssh options allow">
          {extraWarnings.map((warning) => (
            <li key={warning}>⚠ {warning}</li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
