// The checkout form's fields: delivery (address line, instructions, leave at the door), tip and
// time, a promo code, how to pay (a card, or the stablecoin where offered) and the card.
// Controlled: the page holds the values, so every change re-prices.
import type { Cart } from '../../../api/carts';
import type { PriceStep } from '../../../api/orders';
import { stablecoinName, type Stablecoin } from '../../../api/payments';
import { Checkbox, Link, RadioGroup, TextArea, TextField } from '../../../ui';
import { paths } from '../paths';
import { readAddress } from './address';
import { testCards, tipOptions, type CheckoutInput } from './checkout';

interface Props {
  input: CheckoutInput;
  update: (change: Partial<CheckoutInput>) => void;
  fields: Record<string, string>;
}

const value = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value;

export function DeliveryFields({ input, update, fields }: Props) {
  const chosen = readAddress();
  return (
    <fieldset class="card stack">
      <legend>Delivery</legend>
      <p class="muted">
        To the point you chose: {chosen?.label ?? 'on the map'}.{' '}
        <Link href={`${paths.address}?next=${encodeURIComponent(location.pathname)}`}>Change</Link>
      </p>
      <TextField
        name="delivery"
        label="Address"
        hint="Street, house number, floor and flat: what the courier reads."
        autoComplete="street-address"
        required
        maxLength={300}
        value={input.address}
        onInput={(e) => update({ address: value(e) })}
        error={fields.delivery}
      />
      <TextArea
        name="instructions"
        label="Instructions for the courier"
        hint="A door code, where to leave it, who to ask for."
        rows={3}
        maxLength={500}
        value={input.instructions}
        onInput={(e) => update({ instructions: value(e) })}
      />
      <Checkbox
        label="Leave it at the door"
        hint="The courier does not wait for you to answer."
        checked={input.leaveAtDoor}
        onChange={(leaveAtDoor) => update({ leaveAtDoor })}
      />
    </fieldset>
  );
}

export function TipAndTime({ cart, input, update, fields }: Props & { cart: Cart }) {
  return (
    <div class="card stack">
      <RadioGroup
        name="tip"
        legend="Tip for the courier"
        required
        options={tipOptions(cart)}
        defaultValue={input.tip}
        onChange={(tip) => update({ tip })}
        error={input.tip === 'other' ? undefined : fields.tip_minor}
      />
      {input.tip === 'other' && (
        <TextField
          name="tip_minor"
          label={`Tip (${cart.currency})`}
          inputMode="decimal"
          value={input.otherTip}
          onInput={(e) => update({ otherTip: value(e) })}
          error={fields.tip_minor}
        />
      )}
      <RadioGroup
        name="when"
        legend="When"
        required
        options={[
          { value: 'now', label: 'As soon as possible' },
          { value: 'later', label: 'Schedule for later', hint: 'Up to 7 days ahead, while the merchant is open.' },
        ]}
        defaultValue={input.when}
        onChange={(when) => update({ when })}
      />
      {input.when === 'later' && (
        <TextField
          name="scheduled_for"
          label="Deliver at"
          type="datetime-local"
          required
          value={input.at}
          onInput={(e) => update({ at: value(e) })}
          error={fields.scheduled_for}
        />
      )}
    </div>
  );
}

/**
 * A promotion's code: the discount the last quote gave for it, or the reason the server refused
 * it (beside the field). Automatic offers show in the price without a code.
 */
export function PromoCodeField({ input, update, fields, steps }: Props & { steps: readonly PriceStep[] }) {
  const discounts = steps.filter((s) => s.kind === 'discount');
  const applied = input.promoCode.trim() && !fields.promotion_code ? discounts.map((d) => d.label).join('; ') : '';
  return (
    <div class="card stack">
      <TextField
        name="promotion_code"
        label="Promo code"
        autoComplete="off"
        maxLength={32}
        value={input.promoCode}
        onInput={(e) => update({ promoCode: value(e) })}
        hint={applied ? `Applied: ${applied}.` : 'Optional. Offers of the day apply without a code.'}
        error={fields.promotion_code}
      />
    </div>
  );
}

export function CardField({
  value: card,
  onChange,
  error,
  optional = false,
  hint,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  /** A split group order: the host may pay their share later. */
  optional?: boolean;
  hint?: string;
}) {
  return (
    <fieldset class="card stack">
      <legend>Payment</legend>
      <TextField
        name="payment_method"
        label="Card number"
        hint={hint}
        autoComplete="cc-number"
        inputMode="numeric"
        required={!optional}
        maxLength={255}
        value={card}
        onInput={(e) => onChange(value(e))}
        error={error}
      />
      <details>
        <summary>Test cards</summary>
        <p class="muted">This server uses the test payment provider: no real card is charged.</p>
        <ul>
          {testCards.map((c) => (
            <li key={c.number}>
              <code>{c.number}</code> {c.outcome}
            </li>
          ))}
        </ul>
      </details>
    </fieldset>
  );
}

/** Card or stablecoin, offered only where the server takes the stablecoin in the cart's currency. */
export function PaymentChoice({
  coin,
  value: method,
  onChange,
}: {
  coin: Stablecoin;
  value: 'card' | 'stablecoin';
  onChange: (method: 'card' | 'stablecoin') => void;
}) {
  const name = stablecoinName(coin);
  return (
    <div class="card stack">
      <RadioGroup
        name="method"
        legend="How to pay"
        required
        options={[
          { value: 'card', label: 'Card' },
          {
            value: 'stablecoin',
            label: `Pay with ${name} (stablecoin)`,
            hint: `One transfer from your own wallet of the exact amount in ${name}, 1 ${name} for 1 ${coin.currency}. The order page shows the address and the amount.`,
          },
        ]}
        defaultValue={method}
        onChange={(m) => onChange(m === 'stablecoin' ? 'stablecoin' : 'card')}
      />
    </div>
  );
}
