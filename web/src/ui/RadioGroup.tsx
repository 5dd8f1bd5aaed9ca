import { useId } from 'preact/hooks';
import { useFormState } from './Form';
import { fieldMessage } from './fieldMessage';

export interface RadioOption {
  value: string;
  label: string;
  /** One line under the label saying what choosing it does. */
  hint?: string;
  /** Shown but not choosable (e.g. sold out: say why in the hint). */
  disabled?: boolean;
}

export interface RadioGroupProps {
  /** The API field name (problem+json `errors[].field`). */
  name: string;
  /** The question, shown as the fieldset's legend. */
  legend: string;
  options: readonly RadioOption[];
  /** The preselected value; none by default (the person must choose). */
  defaultValue?: string;
  required?: boolean;
  error?: string;
  /** Called when the choice changes (e.g. to require a reason for one of them). */
  onChange?: (value: string) => void;
}

/**
 * One choice among a few, as a <fieldset> with a <legend>: every radio has its own label (and
 * hint), arrow keys move between them, and a form error shows under the group.
 */
export function RadioGroup({
  name,
  legend,
  options,
  defaultValue,
  required = false,
  error,
  onChange,
}: RadioGroupProps) {
  const id = useId();
  const form = useFormState();
  const message = fieldMessage(legend, error ?? form?.fields[name]);
  const errorId = message ? `${id}-error` : undefined;
  return (
    <fieldset class="choices" aria-describedby={errorId}>
      <legend>
        {legend}
        {!required && <span class="muted"> (optional)</span>}
      </legend>
      {options.map((o, i) => {
        const optionId = `${id}-${i}`;
        const hintId = o.hint ? `${optionId}-hint` : undefined;
        return (
          <div class="choice" key={o.value}>
            <input
              type="radio"
              id={optionId}
              name={name}
              value={o.value}
              defaultChecked={o.value === defaultValue}
              required={required}
              disabled={o.disabled}
              aria-describedby={hintId}
              onChange={(e) => e.currentTarget.checked && onChange?.(o.value)}
            />
            <div class="choice-text">
              <label for={optionId}>{o.label}</label>
              {o.hint && (
                <span id={hintId} class="hint">
                  {o.hint}
                </span>
              )}
            </div>
          </div>
        );
      })}
      {message && (
        <span id={errorId} class="field-error">
          {message}
        </span>
      )}
    </fieldset>
  );
}
