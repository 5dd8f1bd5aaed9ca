// The lines of a cart: what, with which options, how many (a stepper where the line is the
// viewer's to change), the price, and why a line no longer counts (sold out, price changed).
import type { Cart, CartLine } from '../../../api/carts';
import { Button, formatMoney, Price, QuantityStepper } from '../../../ui';

export interface LineActions {
  /** May this viewer change this line's quantity / remove it? */
  canEdit: (line: CartLine) => boolean;
  canRemove: (line: CartLine) => boolean;
  /** The change on its way (`line:<id>`), if any. */
  busy: string | null;
  setQuantity: (line: CartLine, quantity: number) => void;
  remove: (line: CartLine) => void;
}

interface CartLinesProps {
  cart: Cart;
  lines: readonly CartLine[];
  actions: LineActions;
}

export function CartLines({ cart, lines, actions }: CartLinesProps) {
  return (
    <ul class="cart-lines">
      {lines.map((line) => (
        <Line key={line.id} line={line} currency={cart.currency} actions={actions} />
      ))}
    </ul>
  );
}

/** "Large (+€3.00), Olives (+€1.00)". */
function optionWords(line: CartLine, currency: string): string {
  return line.options
    .map((o) =>
      o.price_delta_minor ? `${o.name} (+${formatMoney(o.price_delta_minor, currency)})` : o.name,
    )
    .join(', ');
}

function Line({ line, currency, actions }: { line: CartLine; currency: string; actions: LineActions }) {
  const busy = actions.busy === `line:${line.id}`;
  const editable = actions.canEdit(line);
  return (
    <li class={line.available ? 'cart-line' : 'cart-line cart-line-off'}>
      <div class="cart-line-what">
        <p class="cart-line-name">{editable ? line.name : `${line.quantity} × ${line.name}`}</p>
        {line.options.length > 0 && <p class="muted">{optionWords(line, currency)}</p>}
        {line.note && <p class="muted">Note: {line.note}</p>}
        {!line.available && line.problem && (
          <p class="field-error">{line.problem} It does not count in the total.</p>
        )}
      </div>
      <div class="cart-line-how">
        {editable && (
          <QuantityStepper
            value={line.quantity}
            itemName={line.name}
            busy={busy}
            onChange={(q) => actions.setQuantity(line, q)}
          />
        )}
        <p class="cart-line-price">
          <Price minor={line.total_minor} currency={currency} />
          {line.previous_unit_price_minor != null && (
            <span class="cell-note">
              Each was {formatMoney(line.previous_unit_price_minor, currency)}, now{' '}
              {formatMoney(line.unit_price_minor, currency)}.
            </span>
          )}
        </p>
        {actions.canRemove(line) && (
          <Button
            variant="secondary"
            class="btn-small"
            aria-label={`Remove ${line.name}`}
            busy={busy}
            busyLabel="Removing…"
            onClick={() => actions.remove(line)}
          >
            Remove
          </Button>
        )}
      </div>
    </li>
  );
}
