// Add or change an item: name, description, price (typed as 12.50, sent in minor units),
// category, photos, dietary tags and allergens, age restriction, calories, when it is available
// and which modifier groups it offers.
import { useState } from 'preact/hooks';
import {
  addItem,
  allergens,
  dietaryTags,
  forForm,
  updateItem,
  type Allergen,
  type DietaryTag,
  type Menu,
  type MenuItem,
} from '../../../api/merchant';
import {
  Checkbox,
  CheckboxGroup,
  Dialog,
  Form,
  moneyInputValue,
  parseMoney,
  Select,
  TextArea,
  TextField,
  useFormState,
} from '../../../ui';
import { CancelButton, Windows } from './CategoryDialog';
import { apiWindows, groupRule, windowsOf, windowsProblem } from './menuModel';

const shown = [
  'name',
  'description',
  'price_minor',
  'category_id',
  'photo_urls',
  'dietary',
  'allergens',
  'age_restricted',
  'calories',
  'availability',
  'modifier_group_ids',
];

interface Choices {
  dietary: DietaryTag[];
  allergens: Allergen[];
  ageRestricted: boolean;
  groups: string[];
}

/** Checkbox groups that show the form's error for their field. */
function Boxes(props: Parameters<typeof CheckboxGroup>[0] & { name: string }) {
  const form = useFormState();
  return <CheckboxGroup {...props} error={form?.fields[props.name]} />;
}

export function ItemDialog({
  merchantId,
  menu,
  item,
  categoryId,
  open,
  onClose,
  onSaved,
}: {
  merchantId: string;
  menu: Menu;
  /** The item to change; null to add one to `categoryId`. */
  item: MenuItem | null;
  categoryId: string;
  open: boolean;
  onClose: () => void;
  onSaved: (words: string) => void;
}) {
  return (
    <Dialog open={open} title={item ? `Change ${item.name}` : 'Add an item'} onClose={onClose} wide>
      <ItemForm {...{ merchantId, menu, item, categoryId, onClose, onSaved }} />
    </Dialog>
  );
}

function ItemForm({
  merchantId,
  menu,
  item,
  categoryId,
  onClose,
  onSaved,
}: {
  merchantId: string;
  menu: Menu;
  item: MenuItem | null;
  categoryId: string;
  onClose: () => void;
  onSaved: (words: string) => void;
}) {
  const currency = menu.currency;
  const [choices, setChoices] = useState<Choices>({
    dietary: item?.dietary ?? [],
    allergens: item?.allergens ?? [],
    ageRestricted: item?.age_restricted ?? false,
    groups: item?.modifier_group_ids ?? [],
  });
  const [windows, setWindows] = useState(() => windowsOf(item?.availability ?? []));
  const groupOptions = menu.modifier_groups.map((g) => ({
    value: g.id,
    label: g.name,
    hint: `${groupRule(g.min_selections, g.max_selections)} ${g.options.map((o) => o.name).join(', ')}.`,
  }));

  return (
    <Form
      label={item ? `Change ${item.name}` : 'Add an item'}
      submitLabel={item ? 'Save item' : 'Add item'}
      busyLabel="Saving…"
      actions={<CancelButton onClick={onClose} />}
      onSubmit={async (values) => {
        const fields: Record<string, string> = {};
        const price = parseMoney(values.price_minor ?? '', currency);
        if (price === null) fields.price_minor = `must be an amount like 12.50`;
        const calories = values.calories ? Number(values.calories) : null;
        if (calories !== null && !Number.isInteger(calories)) fields.calories = 'must be a whole number';
        const problem = windowsProblem(windows);
        if (problem) fields.availability = problem;
        if (Object.keys(fields).length > 0)
          return { message: 'Some fields need a change: see the messages beside them.', fields, status: 0 };
        const body = {
          name: values.name ?? '',
          description: values.description || null,
          price_minor: price!,
          category_id: values.category_id || categoryId,
          photo_urls: (values.photo_urls ?? '').split(/\s+/).filter(Boolean),
          dietary: choices.dietary,
          allergens: choices.allergens,
          age_restricted: choices.ageRestricted,
          calories,
          availability: apiWindows(windows),
          modifier_group_ids: choices.groups,
        };
        const r = item
          ? await updateItem(merchantId, item.id, body)
          : await addItem(merchantId, { ...body, sold_out: false });
        if (!r.ok) return forForm(r.error, shown);
        onSaved(item ? `${r.data.name} is saved.` : `${r.data.name} is added.`);
        onClose();
      }}
    >
      <TextField name="name" label="Item name" maxLength={120} defaultValue={item?.name} required />
      <TextArea name="description" label="Description" maxLength={1000} defaultValue={item?.description ?? ''} />
      <TextField
        name="price_minor"
        label={`Price (${currency})`}
        hint="e.g. 12.50"
        inputMode="decimal"
        defaultValue={item ? moneyInputValue(item.price_minor, currency) : ''}
        required
      />
      <Select
        name="category_id"
        label="Category"
        options={menu.categories.map((c) => ({ value: c.id, label: c.name }))}
        defaultValue={item?.category_id ?? categoryId}
        required
      />
      <Boxes
        name="modifier_group_ids"
        legend="Choices offered with this item"
        hint={
          groupOptions.length === 0
            ? 'No modifier groups yet: add them under “Modifier groups” on the menu page.'
            : 'Sizes, extras, sauces: the modifier groups of this menu.'
        }
        options={groupOptions}
        values={choices.groups}
        onChange={(groups) => setChoices({ ...choices, groups })}
      />
      <Boxes
        name="dietary"
        legend="Dietary tags"
        options={dietaryTags}
        values={choices.dietary}
        columns
        onChange={(v) => setChoices({ ...choices, dietary: v as DietaryTag[] })}
      />
      <Boxes
        name="allergens"
        legend="Allergens it contains"
        hint="The EU's 14 allergens; customers filter and read them."
        options={allergens}
        values={choices.allergens}
        columns
        onChange={(v) => setChoices({ ...choices, allergens: v as Allergen[] })}
      />
      <Checkbox
        label="Age-restricted (alcohol, tobacco)"
        hint="Only customers whose age is verified can order it."
        name="age_restricted"
        checked={choices.ageRestricted}
        onChange={(on) => setChoices({ ...choices, ageRestricted: on })}
      />
      <TextField
        name="calories"
        label="Calories (kcal)"
        type="number"
        inputMode="numeric"
        min={0}
        max={20000}
        defaultValue={item?.calories == null ? '' : String(item.calories)}
      />
      <TextArea
        name="photo_urls"
        label="Photo URLs"
        hint="Up to 5, one per line: a path on this site such as /demo/photos/pizza.svg, or an https address."
        rows={2}
        defaultValue={(item?.photo_urls ?? []).join('\n')}
      />
      <Windows legend="When this item is available" value={windows} onChange={setWindows} />
    </Form>
  );
}
