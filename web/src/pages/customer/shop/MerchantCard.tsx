// One merchant in a list (browse, search): photo, name (the link), cuisines, rating, delivery
// time, distance and whether it takes orders now.
import type { MerchantCard as Card } from '../../../api/discovery';
import { Badge, formatDateTime, formatMoney, Link, Rating } from '../../../ui';
import { merchantPath } from '../paths';

const km = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** "850 m" or "2.4 km". */
export const formatDistance = (m: number) =>
  m < 1000 ? `${Math.round(m / 10) * 10} m` : `${km.format(m / 1000)} km`;

/** Cuisine tags as words: "thai, vegan" → "Thai · Vegan". */
export const cuisineWords = (cuisines: readonly string[]) =>
  cuisines.map((c) => c.charAt(0).toUpperCase() + c.slice(1).replace(/_/g, ' ')).join(' · ');

/** "€€" for level 2 of 4 in euros; read as "price level 2 of 4". */
export function PriceLevel({ level, currency }: { level: number; currency: string }) {
  const symbol =
    new Intl.NumberFormat(undefined, { style: 'currency', currency })
      .formatToParts(0)
      .find((p) => p.type === 'currency')?.value ?? '$';
  return (
    <>
      <span aria-hidden="true">{symbol.repeat(level)}</span>
      <span class="visually-hidden">price level {level} of 4</span>
    </>
  );
}

/** Open, paused (until when) or closed, in words and colour. */
export function OpenBadge({ openNow, pausedUntil }: { openNow: boolean; pausedUntil?: string | null }) {
  const paused = pausedUntil ? Date.parse(pausedUntil) : 0;
  if (paused > Date.now())
    return <Badge tone="warning">Paused until {formatDateTime(pausedUntil!)}</Badge>;
  if (openNow) return <Badge tone="success">Open now</Badge>;
  return <Badge tone="neutral">Closed now</Badge>;
}

export function MerchantCard({ merchant: m, level = 2 }: { merchant: Card; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <li class="merchant-card">
      {m.photo_url && <img src={m.photo_url} alt="" width={96} height={72} loading="lazy" />}
      <div class="merchant-card-body">
        <Heading class="merchant-card-name">
          <Link href={merchantPath(m.id)}>{m.name}</Link>
        </Heading>
        <p class="muted">
          {cuisineWords(m.cuisines)}
          {m.price_level > 0 && (
            <>
              {' · '}
              <PriceLevel level={m.price_level} currency={m.currency} />
            </>
          )}
        </p>
        <p>
          <Rating average={m.rating?.average ?? 0} count={m.rating?.count ?? 0} />
        </p>
        <p class="merchant-card-facts">
          {m.delivery_minutes != null && <span>{m.delivery_minutes} min</span>}
          {m.distance_m != null && <span>{formatDistance(m.distance_m)} away</span>}
          {m.minimum_order_minor > 0 && (
            <span>Minimum {formatMoney(m.minimum_order_minor, m.currency)}</span>
          )}
          <OpenBadge openNow={m.open_now} pausedUntil={m.paused_until} />
        </p>
      </div>
    </li>
  );
}
