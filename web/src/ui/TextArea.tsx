import type { JSX } from 'preact';
import { useId } from 'preact/hooks';
import { useFormState } from './Form';
import { fieldMessage } from './fieldMessage';

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
  const id = useId();
  const form = useFormState();
  const message = fieldMessage(label, error ?? form?.fields[name]);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = message ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>
        {label}
        {!rest.required && <span class="muted"> (optional)</span>}
      </label>
      {hint && (
        <span id={hintId} class="hint">
          {hint}
        </span>
      )}
      <textarea
        {...rest}
        id={id}
        name={name}
        rows={rows}
        aria-invalid={message ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {message && (
        <span id={errorId} class="field-error">
          {message}
        </span>
      )}
    </div>
  );
}
