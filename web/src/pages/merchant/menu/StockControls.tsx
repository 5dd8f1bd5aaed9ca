// Per item, for every staff level: the sold-out switch and the stock count (PUT .../stock).
import { useState } from 'preact/hooks';
import { setStock, type MenuItem } from '../../../api/merchant';
import type { UserError } from '../../../api/problem';
import { Button, Dialog, Form, TextField, Toggle } from '../../../ui';
import { CancelButton } from './CategoryDialog';

export function StockControls({
  merchantId,
  item,
  onChanged,
}: {
  merchantId: string;
  item: MenuItem;
  onChanged: (item: MenuItem, words: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const [editing, setEditing] = useState(false);
  // The manual toggle: `sold_out` is also true when the stock reached 0.
  const outOfStock = item.stock_count === 0;

  return (
    <div class="stock">
      <Toggle
        label="Sold out"
        accessibleLabel={`Sold out: ${item.name}`}
        checked={item.sold_out}
        busy={busy}
        stateLabels={['No', outOfStock ? 'Yes: no stock left' : 'Yes']}
        onChange={async (soldOut) => {
          setBusy(true);
          setError(null);
          const r = await setStock(merchantId, item.id, { sold_out: soldOut });
          setBusy(false);
          if (!r.ok) return setError(r.error);
          onChanged(
            r.data,
            r.data.sold_out ? `${item.name} is sold out.` : `${item.name} is available again.`,
          );
        }}
      />
      <span class="stock-count">
        {item.stock_count === null ? 'Stock not counted' : `${item.stock_count} left`}{' '}
        <Button
          variant="secondary"
          class="btn-small"
          aria-label={`Change stock of ${item.name}`}
          onClick={() => setEditing(true)}
        >
          Change stock
        </Button>
      </span>
      {error && (
        <span class="field-error" role="alert">
          {error.message}
        </span>
      )}
      <Dialog open={editing} title={`Stock of ${item.name}`} onClose={() => setEditing(false)}>
        <Form
          label={`Stock of ${item.name}`}
          submitLabel="Save stock"
          busyLabel="Saving…"
          actions={<CancelButton onClick={() => setEditing(false)} />}
          onSubmit={async ({ stock_count }) => {
            const count = stock_count === '' || stock_count === undefined ? null : Number(stock_count);
            if (count !== null && (!Number.isInteger(count) || count < 0))
              return { message: 'Enter a whole number, or leave it empty.', fields: { stock_count: 'must be a whole number from 0' }, status: 0 };
            const r = await setStock(merchantId, item.id, { stock_count: count });
            if (!r.ok) return r.error;
            setEditing(false);
            onChanged(
              r.data,
              count === null ? `The stock of ${item.name} is no longer counted.` : `${item.name}: ${count} left.`,
            );
          }}
        >
          <TextField
            name="stock_count"
            label="Portions left"
            hint="Orders count it down; at 0 the item is sold out. Leave empty to stop counting."
            type="number"
            inputMode="numeric"
            min={0}
            defaultValue={item.stock_count === null ? '' : String(item.stock_count)}
          />
        </Form>
      </Dialog>
    </div>
  );
}
