import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Field } from './Field';

export interface TextFieldProps
  extends Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'label'> {
  /** The API field name: problem+json `errors[].field` with this name shows beside the field. */
  name: string;
  label: string;
  /** Help shown under the label (requirements, examples). */
  hint?: string;
  /** An error from outside a Form; inside a Form errors come from the form. */
  error?: string;
}

/** A labelled input with its hint and error wired to aria-describedby / aria-invalid. */
export function TextField({ name, label, hint, error, type = 'text', ...rest }: TextFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  // Browsers honour `autofocus` only when the document loads; a field that appears later (the
  // code step after the password) is focused here.
  useEffect(() => {
    if (rest.autoFocus) input.current?.focus();
  }, []);
  return (
    <Field
      name={name}
      label={label}
      hint={hint}
      error={error}
      optional={!rest.required}
      control={(wiring) => <input {...rest} {...wiring} ref={input} type={type} />}
    />
  );
}
