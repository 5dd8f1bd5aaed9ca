import type { JSX } from 'preact';
import { Field } from './Field';

export interface TextAreaProps
  extends Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name' | 'label'> {
  /** The API field name: problem+json `errors[].field` with this name shows beside the field. */
  name: string;
  label: string;
  hint?: string;
  /** An error from outside a Form; inside a Form errors come from the form. */
  error?: string;
}

/** Several lines of text (a comment, a description), labelled and wired like TextField. */
export function TextArea({ name, label, hint, error, rows = 4, ...rest }: TextAreaProps) {
  return (
    <Field
      name={name}
      label={label}
      hint={hint}
      error={error}
      optional={!rest.required}
      control={(wiring) => <textarea {...rest} {...wiring} rows={rows} />}
    />
  );
}
