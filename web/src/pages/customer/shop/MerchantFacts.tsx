// The top of a merchant's page: photo, description, cuisines and price level, address, prep
// time and minimum order, and a banner when it is paused or closed (ordering ahead still works).
import type { Merchant } from '../../../api/catalog';
import { Alert, formatDateTime, formatMoney } from '../../../ui';
import { cuisineWords, PriceLevel } from './MerchantCard';

export function MerchantFacts({ merchant: m }: { merchant: Merchant }) {
  const pausedUntil = m.paused_until ? Date.parse(m.paused_until) : 0;
  return (
    <>
      {m.photo_url && (
        <img class="merchant-photo" src={m.photo_url} alt="" width={320} height={180} />
      )}
      {m.description && <p>{m.description}</p>}
      <p class="muted">
        {cuisineWords(m.cuisines)} · <PriceLevel level={m.price_level} currency={m.currency} /> ·{' '}
        {m.address.line1}, {m.address.city}
      </p>
      <p class="muted">
        Ready in about {m.prep_time_minutes} minutes
        {m.minimum_order_minor > 0 &&
          ` · minimum order ${formatMoney(m.minimum_order_minor, m.currency)}`}
      </p>
      {pausedUntil > Date.now() ? (
        <Alert tone="info" title="Not taking orders right now">
          <p>
            {m.name} paused new orders until {formatDateTime(m.paused_until!)}
            {m.pause_reason ? ` (${m.pause_reason})` : ''}. You can fill your cart meanwhile.
          </p>
        </Alert>
      ) : (
        !m.open_now && (
          <Alert tone="info" title="Closed now">
            <p>{m.name} is closed at the moment. You can fill your cart and order when it opens.</p>
          </Alert>
        )
      )}
    </>
  );
}
