import { useId } from 'react';
import type { InheritedSettings } from '../../../../src-preload/api';
import type { JumpChoice } from '../../stores/tree/jumpChoices.logic';
import {
  extraOptionWarnings,
  fieldHint,
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
  /** Tree hosts offered as jump hosts (free text still allowed), and the warning when it is the host itself. */
  jump?: { choices: readonly JumpChoice[]; warning?: string | undefined };
}

/**
 * What an empty field means, as a placeholder: the inherited value when there is one (the hint names
 * where it comes from), else what ssh does by itself, never an example that could pass for a value.
 */
const UNSET_PLACEHOLDER = {
  user: 'your login name',
  port: '22',
  identityFile: 'agent and default keys',
  jumpHost: 'none',
} as const;

/** The inheritable settings; each hint says the value in effect and where it comes from. */
export function SettingsFields({ values, errors, inherited, onChange, onBlur, jump }: SettingsFieldsProps) {
  const listId = useId();
  const text = (field: 'user' | 'port' | 'identityFile' | 'jumpHost', label: string) => (
    <FormField label={label} error={errors[field]} hint={fieldHint(field, values, inherited)}>
      {(control) => (
        <input
          {...control}
          className="form-input"
          value={values[field]}
          placeholder={inherited?.[field] ? String(inherited[field].value) : UNSET_PLACEHOLDER[field]}
          list={field === 'jumpHost' && jump ? listId : undefined}
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
        {text('user', 'User')}
        {text('port', 'Port')}
        {text('identityFile', 'Identity file')}
        {text('jumpHost', 'Jump host')}
        {jump ? (
          <datalist id={listId}>
            {jump.choices.map((choice) => (
              <option key={choice.value} value={choice.value} label={choice.label} />
            ))}
          </datalist>
        ) : null}
        <FormField label="Persistence" hint={fieldHint('persistence', values, inherited)}>
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
        <FormField label="Session logging" hint={fieldHint('logging', values, inherited)}>
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
        hint={`${fieldHint('extraOptions', values, inherited)}. One per line, e.g. ServerAliveInterval 30; only options that run no program are allowed.`}
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
      {jump?.warning ? (
        <p className="form-warnings" role="alert" aria-label="Jump host warning">
          ⚠ {jump.warning}
        </p>
      ) : null}
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
