import type { JSX } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { useFormState } from './Form';

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
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // Browsers honour `autofocus` only when the document loads; a field that appears later (the
  // code step after the password) is focused here.
  useEffect(() => {
    if (rest.autoFocus) input.current?.focus();
  }, []);
  const form = useFormState();
  const raw = error ?? form?.fields[name];
  // The API's field messages are predicates ("must be at least 12 characters"): make a sentence
  // with the label. Messages written as sentences (capitalised) are shown as they are.
  const message =
    raw && /^[a-z]/.test(raw) ? `${label} ${raw}${/[.!?]$/.test(raw) ? '' : '.'}` : raw;
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
      <input
        {...rest}
        ref={input}
        id={id}
        name={name}
        type={type}
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
