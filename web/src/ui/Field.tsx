import type { JSX } from 'preact';
import { useId } from 'preact/hooks';
import { useFormState } from './Form';
import { fieldMessage } from './fieldMessage';

/** What a field's control must carry so that its label, hint and error belong to it. */
export interface FieldWiring {
  id: string;
  name: string;
  'aria-invalid'?: 'true';
  'aria-describedby'?: string;
}

export interface FieldProps {
  /** The API field name: problem+json `errors[].field` with this name shows beside the field. */
  name: string;
  label: string;
  /** Help shown under the label (requirements, examples). */
  hint?: string;
  /** An error from outside a Form; inside a Form errors come from the form. */
  error?: string;
  /** Marks the label "(optional)". */
  optional: boolean;
  /** The control (input, textarea, select), given the attributes that wire it to the frame. */
  control: (wiring: FieldWiring) => JSX.Element;
}

/** A labelled control with its hint and error wired to aria-describedby / aria-invalid. */
export function Field({ name, label, hint, error, optional, control }: FieldProps) {
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
        {optional && <span class="muted"> (optional)</span>}
      </label>
      {hint && (
        <span id={hintId} class="hint">
          {hint}
        </span>
      )}
      {control({
        id,
        name,
        'aria-invalid': message ? 'true' : undefined,
        'aria-describedby': describedBy,
      })}
      {message && (
        <span id={errorId} class="field-error">
          {message}
        </span>
      )}
    </div>
  );
}
