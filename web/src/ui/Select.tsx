import type { JSX } from 'preact';
import { Field } from './Field';

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectProps
  extends Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name' | 'label'> {
  /** The API field name: problem+json `errors[].field` with this name shows beside the field. */
  name: string;
  label: string;
  options: readonly SelectOption[];
  /**
   * A first option with the value "" (e.g. "Any role" in a filter). Without it the first of
   * `options` is preselected.
   */
  emptyOption?: string;
  hint?: string;
  /** An error from outside a Form; inside a Form errors come from the form. */
  error?: string;
  /** The option selected at first (the element stays uncontrolled). */
  defaultValue?: string;
}

/** A labelled <select> with its hint and error wired like TextField's. */
export function Select({
  name,
  label,
  options,
  emptyOption,
  hint,
  error,
  defaultValue,
  ...rest
}: SelectProps) {
  return (
    <Field
      name={name}
      label={label}
      hint={hint}
      error={error}
      optional={!rest.required && emptyOption === undefined}
      control={(wiring) => (
        <select {...rest} {...wiring}>
          {emptyOption !== undefined && <option value="">{emptyOption}</option>}
          {options.map((o) => (
            // <select> has no defaultValue property: mark the option instead (only when given,
            // so that a controlled <select value> is left alone).
            <option
              key={o.value}
              value={o.value}
              selected={defaultValue !== undefined && o.value === defaultValue ? true : undefined}
            >
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}
