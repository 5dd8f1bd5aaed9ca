// "Change items" on the order page while the policy allows it (placed or accepted, by the
// customer who ordered): each line's quantity, 0 removing it, saved as one modification. New
// dishes are added from a new order; a higher total asks the card for more first.
import { useRef, useState } from 'preact/hooks';
import { modifyOrder, type OrderChange } from '../../../api/modifications';
import type { Order } from '../../../api/orders';
import { Button, ConfirmDialog, QuantityStepper } from '../../../ui';

export function ChangeItems({ order, replace }: { order: Order; replace: (o: Order) => void }) {
  const [open, setOpen] = useState(false);
  const [quantities, setQuantities] = useState<number[]>([]);
  // One key per distinct change, so pressing again after a lost answer changes the order once.
  const keys = useRef(new Map<string, string>());

  const start = () => {
    setQuantities(order.lines.map((l) => l.quantity));
    setOpen(true);
  };
  const changes: OrderChange[] = order.lines.flatMap((l, line) =>
    quantities[line] !== undefined && quantities[line] !== l.quantity ? [{ line, quantity: quantities[line]! }] : [],
  );
  const save = async () => {
    if (changes.length === 0) return { status: 0, message: 'Nothing changed: change a quantity first.', fields: {} };
    if (quantities.every((q) => q === 0))
      return { status: 0, message: 'An order keeps at least one item: to stop it, cancel the order instead.', fields: {} };
    const body = JSON.stringify(changes);
    const key = keys.current.get(body) ?? crypto.randomUUID();
    keys.current.set(body, key);
    const r = await modifyOrder(order.id, changes, key);
    if (!r.ok) return r.error;
    replace(r.data);
  };

  return (
    <>
      <Button variant="secondary" onClick={start}>
        Change items
      </Button>
      <ConfirmDialog
        open={open}
        title="Change your items"
        confirmLabel="Save changes"
        busyLabel="Saving…"
        cancelLabel="Keep the order as it is"
        onClose={() => setOpen(false)}
        onConfirm={save}
      >
        <p>Possible until the kitchen starts. Set a quantity to 0 to remove a line.</p>
        <ul class="plain-list stack">
          {order.lines.map((l, i) => (
            <li key={i} class="order-change-line">
              <span>
                {l.name}
                {l.options.length > 0 && <span class="muted"> ({l.options.join(', ')})</span>}
              </span>
              <QuantityStepper
                value={quantities[i] ?? l.quantity}
                min={0}
                max={99}
                itemName={l.name}
                onChange={(q) => setQuantities((all) => all.map((v, j) => (j === i ? q : v)))}
              />
            </li>
          ))}
        </ul>
      </ConfirmDialog>
    </>
  );
}
