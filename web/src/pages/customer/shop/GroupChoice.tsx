// One modifier group in the "Add" dialog: radios when at most one may be chosen (with a "No ..."
// choice when it is optional), checkboxes up to the maximum otherwise. Sold-out options are
// shown but cannot be chosen; surcharges are said beside each option.
import type { ModifierGroup, ModifierOption } from '../../../api/catalog';
import { CheckboxGroup, formatMoney, RadioGroup } from '../../../ui';
import { groupHint } from './modifiers';

export interface GroupChoiceProps {
  group: ModifierGroup;
  currency: string;
  values: string[];
  /** Why the choice is not enough yet (shown once the customer tried to add). */
  error: string | undefined;
  onChange: (values: string[]) => void;
}

export function GroupChoice({ group: g, currency, values, error, onChange }: GroupChoiceProps) {
  const hintOf = (o: ModifierOption) => {
    if (o.sold_out) return 'Sold out';
    return o.price_delta_minor !== 0 ? `+${formatMoney(o.price_delta_minor, currency)}` : undefined;
  };
  const options = g.options.map((o) => ({
    value: o.id,
    label: o.name,
    hint: hintOf(o),
    disabled: o.sold_out,
  }));
  if (g.max_selections > 1)
    return (
      <CheckboxGroup
        legend={g.name}
        hint={groupHint(g)}
        options={options}
        values={values}
        max={g.max_selections}
        error={error}
        onChange={onChange}
      />
    );
  const required = g.min_selections > 0;
  const none = { value: '', label: `No ${g.name.toLowerCase()}`, hint: undefined, disabled: false };
  return (
    <RadioGroup
      name={`group-${g.id}`}
      legend={required ? `${g.name} (choose one)` : g.name}
      options={required ? options : [none, ...options]}
      defaultValue={required ? undefined : ''}
      required={required}
      error={error}
      onChange={(v) => onChange(v ? [v] : [])}
    />
  );
}
