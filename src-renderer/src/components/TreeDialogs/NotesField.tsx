import { FormField } from './FormField';

/** Free-text notes on a host or folder. */
export function NotesField(props: {
  value: string;
  error: string | undefined;
  rows: number;
  onChange: (value: string) => void;
  onBlur?: () => void;
}) {
  return (
    <FormField label="Notes" error={props.error}>
      {(control) => (
        <textarea
          {...control}
          className="form-input form-notes"
          value={props.value}
          rows={props.rows}
          onChange={(event) => props.onChange(event.target.value)}
          onBlur={props.onBlur}
        />
      )}
    </FormField>
  );
}
