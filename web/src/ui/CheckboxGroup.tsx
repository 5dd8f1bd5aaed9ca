// Checkboxes: one on its own (a yes/no filter such as "Open now") and a group of several under a
// <fieldset>/<legend> (dietary tags, price levels, a menu item's extras). Both are controlled:
// the parent holds the values, so filters can live in the address bar.
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { fieldMessage } from './fieldMessage';

export interface CheckboxProps {
  label: ComponentChildren;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** The API field name, when the box is part of a form. */
  name?: string;
  hint?: string;
  disabled?: boolean;
}

export function Checkbox({ label, checked, onChange, name, hint, disabled }: CheckboxProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div class="choice">
      <input
        type="checkbox"
        id={id}
        name={name}
        checked={checked}
        disabled={disabled}
        aria-describedby={hintId}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <div class="choice-text">
        <label for={id}>{label}</label>
        {hint && (
          <span id={hintId} class="hint">
            {hint}
          </span>
        )}
      </div>
    </div>
  );
}

export interface CheckboxOption {
  value: string;
  label: ComponentChildren;
  /** Shown under the label (e.g. a price surcharge, "sold out"). */
  hint?: string;
  disabled?: boolean;
}

export interface CheckboxGroupProps {
  legend: string;
  options: readonly CheckboxOption[];
  values: readonly string[];
  onChange: (values: string[]) => void;
  name?: string;
  /** A line under the legend (e.g. "Choose up to 3"); read with the group. */
  hint?: string;
  /** An API predicate ("must have at most 3 values") or a sentence. */
  error?: string;
  /** At most this many may be checked: the other boxes are disabled once it is reached. */
  max?: number;
  /** Lay the boxes out in columns where there is room (filters). */
  columns?: boolean;
}

export function CheckboxGroup({
  legend,
  options,
  values,
  onChange,
  name,
  hint,
  error,
  max,
  columns = false,
}: CheckboxGroupProps) {
  const id = useId();
  const message = fieldMessage(legend, error);
  const describedBy = [hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean);
  const full = max !== undefined && values.length >= max;
  const toggle = (value: string, on: boolean) =>
    onChange(on ? [...values, value] : values.filter((v) => v !== value));
  return (
    <fieldset
      class={columns ? 'choices choices-columns' : 'choices'}
      aria-describedby={describedBy.join(' ') || undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <span id={`${id}-hint`} class="hint">
          {hint}
        </span>
      )}
      {options.map((o) => {
        const checked = values.includes(o.value);
        return (
          <Checkbox
            key={o.value}
            name={name}
            label={o.label}
            hint={o.hint}
            checked={checked}
            disabled={o.disabled || (full && !checked)}
            onChange={(on) => toggle(o.value, on)}
          />
        );
      })}
      {message && (
        <span id={`${id}-error`} class="field-error">
          {message}
        </span>
      )}
    </fieldset>
  );
}
