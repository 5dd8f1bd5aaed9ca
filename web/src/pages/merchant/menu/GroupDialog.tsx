// Add or change a modifier group ("Size", "Extras"): how many options customers must or may
// choose, and the options with their price changes. A group is shared by the items that offer it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { addGroup, forForm, updateGroup, type ModifierGroup } from '../../../api/merchant';
import type { UserError } from '../../../api/problem';
import {
  Button,
  Checkbox,
  Dialog,
  Form,
  moneyInputValue,
  MoveButtons,
  moved,
  parseMoney,
  TextField,
  useFormState,
} from '../../../ui';
import { CancelButton } from './CategoryDialog';
import { groupRule } from './menuModel';

interface OptionRow {
  /** Kept for options of the group (their id survives the change). */
  id?: string;
  key: number;
  name: string;
  price: string;
  soldOut: boolean;
}

let nextKey = 1;

function OptionsEditor({
  rows,
  onChange,
  currency,
}: {
  rows: OptionRow[];
  onChange: (rows: OptionRow[]) => void;
  currency: string;
}) {
  const form = useFormState();
  const box = useRef<HTMLFieldSetElement>(null);
  const [focusLast, setFocusLast] = useState(false);
  useEffect(() => {
    if (!focusLast) return;
    const inputs = box.current?.querySelectorAll<HTMLInputElement>('.option-name input');
    inputs?.[inputs.length - 1]?.focus();
    setFocusLast(false);
  }, [focusLast]);
  const change = (key: number, patch: Partial<OptionRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <fieldset class="intervals" ref={box}>
      <legend>Options</legend>
      {form?.fields.options && <span class="field-error">{form.fields.options}</span>}
      {rows.map((row, i) => (
        <div class="option-row" key={row.key} role="group" aria-label={`Option ${i + 1}`}>
          <div class="option-name">
            <TextField
              name={`options[${i}].name`}
              label={`Option ${i + 1} name`}
              value={row.name}
              maxLength={120}
              required
              onInput={(e) => change(row.key, { name: e.currentTarget.value })}
            />
          </div>
          <TextField
            name={`options[${i}].price_delta_minor`}
            label={`Option ${i + 1} extra price (${currency})`}
            hint="0 for no extra charge"
            inputMode="decimal"
            value={row.price}
            onInput={(e) => change(row.key, { price: e.currentTarget.value })}
          />
          <Checkbox
            label={`Option ${i + 1} sold out`}
            checked={row.soldOut}
            onChange={(soldOut) => change(row.key, { soldOut })}
          />
          <div class="cell-actions">
            <MoveButtons
              name={`option ${i + 1}`}
              index={i}
              count={rows.length}
              onMove={(d) => onChange(moved(rows, i, d))}
            />
            <Button
              variant="secondary"
              class="btn-small"
              aria-label={`Remove option ${i + 1}`}
              onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
            >
              Remove
            </Button>
          </div>
        </div>
      ))}
      <div class="form-actions">
        <Button
          variant="secondary"
          class="btn-small"
          onClick={() => {
            onChange([...rows, { key: nextKey++, name: '', price: '0', soldOut: false }]);
            setFocusLast(true);
          }}
        >
          Add an option
        </Button>
      </div>
    </fieldset>
  );
}

export function GroupDialog({
  merchantId,
  currency,
  group,
  open,
  onClose,
  onSaved,
}: {
  merchantId: string;
  currency: string;
  /** The group to change; null to add one. */
  group: ModifierGroup | null;
  open: boolean;
  onClose: () => void;
  onSaved: (words: string) => void;
}) {
  return (
    <Dialog open={open} title={group ? `Change ${group.name}` : 'Add a modifier group'} onClose={onClose} wide>
      <GroupForm {...{ merchantId, currency, group, onClose, onSaved }} />
    </Dialog>
  );
}

function GroupForm({
  merchantId,
  currency,
  group,
  onClose,
  onSaved,
}: {
  merchantId: string;
  currency: string;
  group: ModifierGroup | null;
  onClose: () => void;
  onSaved: (words: string) => void;
}) {
  const [rows, setRows] = useState<OptionRow[]>(() =>
    group
      ? group.options.map((o) => ({
          id: o.id,
          key: nextKey++,
          name: o.name,
          price: moneyInputValue(o.price_delta_minor, currency),
          soldOut: o.sold_out,
        }))
      : [{ key: nextKey++, name: '', price: '0', soldOut: false }],
  );
  const [min, setMin] = useState(String(group?.min_selections ?? 1));
  const [max, setMax] = useState(String(group?.max_selections ?? 1));
  const rule =
    Number.isInteger(Number(min)) && Number.isInteger(Number(max)) && min !== '' && max !== ''
      ? groupRule(Number(min), Number(max))
      : '';

  return (
    <Form
      label={group ? `Change ${group.name}` : 'Add a modifier group'}
      submitLabel={group ? 'Save group' : 'Add group'}
      busyLabel="Saving…"
      actions={<CancelButton onClick={onClose} />}
      onSubmit={async ({ name }) => {
        const fields: Record<string, string> = {};
        const options = rows.map((r, i) => {
          const price = parseMoney(r.price || '0', currency);
          if (price === null) fields[`options[${i}].price_delta_minor`] = 'must be an amount like 1.50';
          return {
            ...(r.id ? { id: r.id } : {}),
            name: r.name.trim(),
            price_delta_minor: price ?? 0,
            sold_out: r.soldOut,
          };
        });
        if (rows.length === 0) fields.options = 'Add at least one option.';
        if (Object.keys(fields).length > 0)
          return { message: 'Some fields need a change: see the messages beside them.', fields, status: 0 } as UserError;
        const body = {
          name: name ?? '',
          min_selections: Number(min),
          max_selections: Number(max),
          options,
        };
        const r = group
          ? await updateGroup(merchantId, group.id, body)
          : await addGroup(merchantId, body);
        if (!r.ok)
          return forForm(r.error, [
            'name',
            'min_selections',
            'max_selections',
            'options',
            ...rows.flatMap((_, i) => [`options[${i}].name`, `options[${i}].price_delta_minor`]),
          ]);
        onSaved(group ? `${r.data.name} is saved.` : `${r.data.name} is added.`);
        onClose();
      }}
    >
      <TextField name="name" label="Group name" hint="e.g. Size, Extras, Sauce" maxLength={120} defaultValue={group?.name} required />
      <div class="inline-fields">
        <TextField
          name="min_selections"
          label="Customers choose at least"
          type="number"
          inputMode="numeric"
          min={0}
          max={30}
          value={min}
          onInput={(e) => setMin(e.currentTarget.value)}
          required
        />
        <TextField
          name="max_selections"
          label="and at most"
          type="number"
          inputMode="numeric"
          min={1}
          max={30}
          value={max}
          onInput={(e) => setMax(e.currentTarget.value)}
          required
        />
      </div>
      <p class="hint" role="status">
        {rule} At least 1 makes the group required (a size); 0 makes it optional (extras).
      </p>
      <OptionsEditor rows={rows} onChange={setRows} currency={currency} />
    </Form>
  );
}
