import { useId, type ReactNode } from 'react';

/**
 * A labelled control with its hint or error below; the control gets the ids it needs through the
 * render function, so an error is announced with the field (aria-invalid, aria-describedby).
 */
export function FormField({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: (control: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = error ?? hint;
  return (
    <div className={`form-field${error ? ' has-error' : ''}`}>
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      {children({ id, 'aria-invalid': Boolean(error), ...(note ? { 'aria-describedby': noteId } : {}) })}
      {note ? (
        <p id={noteId} className={error ? 'form-error' : 'form-hint'}>
          {note}
        </p>
      ) : null}
    </div>
  );
}
