// "Add to cart" for one menu item: its modifier groups, quantity and a note, with the total as
// it stands. Until every group's minimum and maximum is met the add button is aria-disabled and
// says what is missing; pressing it anyway shows the reason at the group and focuses it.
// Visitors see how to log in instead (and come back to this menu).
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { MenuItem, ModifierGroup } from '../../../api/catalog';
import type { LineInput } from '../../../api/carts';
import type { UserError } from '../../../api/problem';
import {
  Alert,
  Button,
  Dialog,
  fieldMessage,
  formatMoney,
  Link,
  QuantityStepper,
  TextField,
} from '../../../ui';
import { logInAndReturn, signUpAndReturn } from '../paths';
import { GroupChoice } from './GroupChoice';
import { groupProblem, groupsOf, unitPrice } from './modifiers';

const NOTE_MAX = 200;

export interface ModifierDialogProps {
  /** The item being added; null while the dialog is closed. */
  item: MenuItem | null;
  /** Every modifier group of the menu, by id. */
  groups: ReadonlyMap<string, ModifierGroup>;
  currency: string;
  signedIn: boolean;
  onClose: () => void;
  /** Adds the line; resolves with a problem to show, or nothing when it is in the cart. */
  onAdd: (line: LineInput) => Promise<UserError | void>;
  /** Shown under the choices (dishes often ordered together). */
  children?: ComponentChildren;
}

export function ModifierDialog({ item, groups, children, ...rest }: ModifierDialogProps) {
  return (
    <Dialog open={item !== null} title={item ? `Add ${item.name}` : 'Add'} onClose={rest.onClose}>
      {item && <Choices key={item.id} item={item} groups={groupsOf(item, groups)} {...rest} />}
      {item && children}
    </Dialog>
  );
}

type ChoicesProps = Omit<ModifierDialogProps, 'item' | 'groups'> & {
  item: MenuItem;
  groups: ModifierGroup[];
};

function Choices({ item, groups, currency, signedIn, onClose, onAdd }: ChoicesProps) {
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  const [quantity, setQuantity] = useState(1);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);

  const problems = new Map(groups.map((g) => [g.id, groupProblem(g, chosen[g.id]?.length ?? 0)]));
  const blocking = groups.find((g) => problems.get(g.id));
  const optionIds = groups.flatMap((g) => chosen[g.id] ?? []);
  const total = formatMoney(unitPrice(item, groups, optionIds) * quantity, currency);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    if (blocking) {
      setTried(true);
      const group = document.getElementById(`group-${blocking.id}`);
      group?.querySelector<HTMLElement>('input:not([disabled])')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const trimmed = note.trim();
    const failed = await onAdd({
      item_id: item.id,
      quantity,
      option_ids: optionIds,
      ...(trimmed ? { note: trimmed } : {}),
    });
    setBusy(false);
    if (failed) setError(failed);
  }

  return (
    <form class="form modifier-form" aria-label={`Choices for ${item.name}`} onSubmit={submit} noValidate>
      {item.description && <p class="muted">{item.description}</p>}
      {error && <Refusal error={error} />}
      {groups.map((g) => (
        <div key={g.id} id={`group-${g.id}`} class="modifier-group">
          <GroupChoice
            group={g}
            currency={currency}
            values={chosen[g.id] ?? []}
            error={tried ? (problems.get(g.id) ?? undefined) : undefined}
            onChange={(values) => setChosen({ ...chosen, [g.id]: values })}
          />
        </div>
      ))}
      <div class="field">
        <span class="field-label" aria-hidden="true">
          Quantity
        </span>
        <QuantityStepper value={quantity} onChange={setQuantity} itemName={item.name} />
      </div>
      <TextField
        name="note"
        label="Note for the kitchen"
        hint="For example: no onions, please."
        maxLength={NOTE_MAX}
        value={note}
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      {signedIn ? (
        <AddButtons
          busy={busy}
          blocked={blocking ? (problems.get(blocking.id) ?? null) : null}
          label={`Add ${quantity > 1 ? `${quantity} ` : ''}for ${total}`}
          onClose={onClose}
        />
      ) : (
        <LogInToOrder />
      )}
    </form>
  );
}

interface AddButtonsProps {
  busy: boolean;
  /** What is missing before the item can be added; null when it can. */
  blocked: string | null;
  label: string;
  onClose: () => void;
}

function AddButtons({ busy, blocked, label, onClose }: AddButtonsProps) {
  return (
    <div class="dialog-actions">
      <p id="add-blocked" class={blocked ? 'field-error' : 'visually-hidden'} role="status">
        {blocked ?? 'Ready to add.'}
      </p>
      <div class="form-actions">
        <Button
          type="submit"
          busy={busy}
          busyLabel="Adding…"
          aria-disabled={blocked ? 'true' : undefined}
          aria-describedby="add-blocked"
        >
          {label}
        </Button>
        <Button variant="secondary" onClick={onClose} disabled={busy}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

function LogInToOrder() {
  return (
    <Alert tone="info" title="Log in to order">
      <p>Your cart is kept with your account. Log in or sign up, and you come back to this menu.</p>
      <p class="form-actions">
        <Link class="btn btn-primary" href={logInAndReturn()}>
          Log in
        </Link>
        <Link class="btn btn-secondary" href={signUpAndReturn()}>
          Sign up
        </Link>
      </p>
    </Alert>
  );
}

/** The cart's field names in words, for its refusals ("Quantity must be between 1 and 99."). */
const fieldLabels: Record<string, string> = {
  item_id: 'This dish',
  quantity: 'Quantity',
  option_ids: 'Your choice',
  note: 'The note',
};

/** Why the cart refused the line: each field's reason (sold out, ID check, stock) or the message. */
function Refusal({ error }: { error: UserError }) {
  const reasons = Object.entries(error.fields).map(([field, raw]) =>
    fieldMessage(fieldLabels[field] ?? field, raw),
  );
  if (reasons.length === 0) return <Alert tone="error">{error.message}</Alert>;
  return (
    <Alert tone="error" title="This could not be added">
      <ul>
        {reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </Alert>
  );
}
