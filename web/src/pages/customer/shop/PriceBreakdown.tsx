// An order's price as its steps (items, tax, fees, discounts, tip) and total, from a quote or an
// order.
import type { PriceStep } from '../../../api/orders';
import { Price } from '../../../ui';

export function PriceBreakdown({
  steps,
  totalMinor,
  currency,
  wasMinor,
}: {
  steps: readonly PriceStep[];
  totalMinor: number;
  currency: string;
  /** The total shown before, when it changed. */
  wasMinor?: number | null;
}) {
  return (
    <dl class="facts price-breakdown">
      {steps.map((s, i) => (
        <div key={`${s.kind}-${i}`} class={s.added ? 'price-step' : 'price-step price-step-included'}>
          <dt>{s.label}</dt>
          <dd>
            <Price minor={s.amount_minor} currency={currency} />
          </dd>
        </div>
      ))}
      <div class="price-step price-total">
        <dt>Total</dt>
        <dd>
          <strong>
            <Price minor={totalMinor} currency={currency} was={wasMinor} />
          </strong>
        </dd>
      </div>
    </dl>
  );
}
