// Add or change a category: name, description and when it is available.
import { useState } from 'preact/hooks';
import { addCategory, forForm, updateCategory, type MenuCategory } from '../../../api/merchant';
import {
  Dialog,
  Form,
  TextArea,
  TextField,
  WindowsEditor,
  useFormState,
  type AvailabilityWindow,
} from '../../../ui';
import { apiWindows, windowsOf, windowsProblem } from './menuModel';

/** The windows editor showing the form's `availability` error. */
export function Windows({
  value,
  onChange,
  legend,
}: {
  value: AvailabilityWindow[];
  onChange: (v: AvailabilityWindow[]) => void;
  legend: string;
}) {
  const form = useFormState();
  return <WindowsEditor legend={legend} value={value} onChange={onChange} error={form?.fields.availability} />;
}

export function CategoryDialog({
  merchantId,
  category,
  open,
  onClose,
  onSaved,
}: {
  merchantId: string;
  /** The category to change; null to add one. */
  category: MenuCategory | null;
  open: boolean;
  onClose: () => void;
  onSaved: (words: string) => void;
}) {
  return (
    <Dialog open={open} title={category ? `Change ${category.name}` : 'Add a category'} onClose={onClose}>
      <CategoryForm merchantId={merchantId} category={category} onClose={onClose} onSaved={onSaved} />
    </Dialog>
  );
}

function CategoryForm({
  merchantId,
  category,
  onClose,
  onSaved,
}: {
  merchantId: string;
  category: MenuCategory | null;
  onClose: () => void;
  onSaved: (words: string) => void;
}) {
  const [windows, setWindows] = useState(() => windowsOf(category?.availability ?? []));
  return (
    <Form
      label={category ? `Change ${category.name}` : 'Add a category'}
      submitLabel={category ? 'Save category' : 'Add category'}
      busyLabel="Saving…"
      actions={<CancelButton onClick={onClose} />}
      onSubmit={async ({ name, description }) => {
        const problem = windowsProblem(windows);
        if (problem) return { message: problem, fields: { availability: problem }, status: 0 };
        const body = { name: name ?? '', description: description || null, availability: apiWindows(windows) };
        const r = category
          ? await updateCategory(merchantId, category.id, body)
          : await addCategory(merchantId, body);
        if (!r.ok) return forForm(r.error, ['name', 'description', 'availability']);
        onSaved(category ? `${r.data.name} is saved.` : `${r.data.name} is added to the menu.`);
        onClose();
      }}
    >
      <TextField name="name" label="Category name" hint="e.g. Pizzas, Drinks, Breakfast" maxLength={120} defaultValue={category?.name} required />
      <TextArea name="description" label="Description" maxLength={1000} defaultValue={category?.description ?? ''} />
      <Windows legend="When this category is available" value={windows} onChange={setWindows} />
    </Form>
  );
}

/** Cancel inside a dialog's Form: disabled while the form saves. */
export function CancelButton({ onClick }: { onClick: () => void }) {
  const form = useFormState();
  return (
    <button type="button" class="btn btn-secondary" disabled={form?.busy} onClick={onClick}>
      Cancel
    </button>
  );
}
