import { useState, type FormEvent } from 'react';
import { MuxdeckApiError, type RequestResult, type TreeMutation } from '../../../../src-preload/api';
import { errorMessage } from '../../app/errorMessage';
import { useServices } from '../../app/AppServices';

/** Server field names (the mutation's) that a form shows under a differently named control. */
const FIELD_ALIASES: Record<string, string> = { folderId: 'folder', parentId: 'parent' };

/**
 * A form that saves through tree:apply: errors show once a field was left or a save was tried, the
 * main process's verdict (e.g. hostNameProblem) lands under the field it names, and nothing is sent
 * while the form itself knows it is wrong.
 */
export function useTreeForm<V extends object>(opts: {
  initial: V;
  validate(values: V): Partial<Record<keyof V, string>>;
  mutations(values: V): TreeMutation[];
  onSaved(result: RequestResult<'tree:apply'>, values: V): void;
}) {
  const { client } = useServices();
  const [values, setValues] = useState(opts.initial);
  const [touched, setTouched] = useState<ReadonlySet<keyof V>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<keyof V, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const validation = opts.validate(values);
  const errors: Partial<Record<keyof V, string>> = { ...serverErrors };
  for (const key of Object.keys(validation) as Array<keyof V>) {
    if (submitted || touched.has(key)) errors[key] = validation[key];
  }

  const set = (field: keyof V, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    // Inline: a field the user has typed in is checked as they type.
    setTouched((current) => (current.has(field) ? current : new Set(current).add(field)));
    setServerErrors(({ [field]: _dropped, ...rest }) => rest as Partial<Record<keyof V, string>>);
  };
  const blur = (field: keyof V) => setTouched((current) => new Set(current).add(field));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    setFormError(null);
    const form = event.currentTarget;
    if (Object.keys(validation).length > 0) {
      // Let the errors render, then take the user to the first one.
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      const result = await client.invoke('tree:apply', { mutations: opts.mutations(values) });
      opts.onSaved(result, values);
    } catch (error) {
      const fieldErrors: Partial<Record<keyof V, string>> = {};
      if (error instanceof MuxdeckApiError) {
        for (const issue of error.issues ?? []) {
          const name = issue.path.split('.').pop() ?? '';
          const field = (FIELD_ALIASES[name] ?? name) as keyof V;
          if (field in values) fieldErrors[field] = issue.message;
        }
      }
      if (Object.keys(fieldErrors).length > 0) setServerErrors(fieldErrors);
      else setFormError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return { values, set, blur, errors, submit, busy, formError };
}
