// What the cart costs so far: items and subtotal, the minimum order and how far from it the cart
// is, lines left out, and whether the merchant is open. Fees come at checkout.
import type { Cart } from '../../../api/carts';
import { formatMoney, Price } from '../../../ui';

function minimumWords(cart: Cart): string {
  const minimum = formatMoney(cart.minimum_order_minor, cart.currency);
  if (cart.meets_minimum) return `The minimum order of ${minimum} is reached.`;
  const missing = formatMoney(cart.minimum_order_minor - cart.subtotal_minor, cart.currency);
  return `Add ${missing} more to reach the minimum order of ${minimum}.`;
}

export function PricePreview({ cart }: { cart: Cart }) {
  const unavailable = cart.lines.filter((l) => !l.available).length;
  return (
    <section class="price-preview card" aria-labelledby="preview-title">
      <h2 id="preview-title">Price preview</h2>
      <dl class="facts">
        <dt>Items</dt>
        <dd>{cart.item_count}</dd>
        <dt>Subtotal</dt>
        <dd>
          <strong>
            <Price minor={cart.subtotal_minor} currency={cart.currency} />
          </strong>
        </dd>
      </dl>
      {cart.minimum_order_minor > 0 && (
        <div class="shop-minimum">
          <label for="minimum-progress">{minimumWords(cart)}</label>
          <progress
            id="minimum-progress"
            max={cart.minimum_order_minor}
            value={Math.min(cart.subtotal_minor, cart.minimum_order_minor)}
          />
        </div>
      )}
      {unavailable > 0 && (
        <p class="field-error">
          {unavailable === 1
            ? 'One line is no longer available and left out of the subtotal: remove it.'
            : `${unavailable} lines are no longer available and left out of the subtotal: remove them.`}
        </p>
      )}
      {!cart.merchant_open && (
        <p>{cart.merchant_name} is closed now: you can keep filling the cart, or order for later.</p>
      )}
      <p class="muted">Delivery and service fees are added at checkout, before you pay.</p>
    </section>
  );
}
