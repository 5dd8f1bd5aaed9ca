// Recommendations on the customer's pages: "Order again" and "Popular near you" above the
// merchants, "Often ordered together" in a dish's dialog. Each shows only what can be ordered
// now and stays hidden when there is nothing (or the API cannot answer): it is a shortcut, never
// in the way.
import { useEffect, useState } from 'preact/hooks';
import type { MenuItem } from '../../../api/catalog';
import {
  oftenOrderedWith,
  orderAgain,
  popularNear,
  type OrderAgain,
  type RecommendedItem,
} from '../../../api/recommendations';
import { Button, formatMoney, Link } from '../../../ui';
import { merchantPath } from '../paths';

const SHOWN = 6;

function priceWords(item: RecommendedItem): string {
  return item.price_minor != null && item.currency
    ? formatMoney(item.price_minor, item.currency)
    : 'price with your choices';
}

function ItemList({ items, label }: { items: RecommendedItem[]; label: string }) {
  return (
    <ul class="rec-items" aria-label={label}>
      {items.map((i) => (
        <li key={`${i.merchant_id}/${i.item_id}`} class="rec-item">
          <Link href={`${merchantPath(i.merchant_id)}#item-${i.item_id}`}>{i.name}</Link>
          <span class="muted">{i.merchant_name}</span>
          <span class="price">{priceWords(i)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The signed-in customer's dishes and merchants to order again. */
export function OrderAgainSection() {
  const [shown, setShown] = useState<OrderAgain | null>(null);
  useEffect(() => {
    let live = true;
    void orderAgain(SHOWN).then((r) => live && r.ok && setShown(r.data));
    return () => void (live = false);
  }, []);
  if (!shown || (shown.items.length === 0 && shown.merchants.length === 0)) return null;
  return (
    <section aria-labelledby="order-again-title" class="rec-section">
      <h2 id="order-again-title">Order again</h2>
      {shown.items.length > 0 && <ItemList items={shown.items} label="Dishes to order again" />}
      {shown.merchants.length > 0 && (
        <p>
          From:{' '}
          {shown.merchants.map((m, n) => (
            <span key={m.merchant_id}>
              {n > 0 && ' · '}
              <Link href={merchantPath(m.merchant_id)}>{m.name}</Link>
            </span>
          ))}
        </p>
      )}
    </section>
  );
}

/** Dishes ordered most lately from merchants near the point that deliver there. */
export function PopularNearSection({ lat, lng }: { lat: number; lng: number }) {
  const [items, setItems] = useState<RecommendedItem[]>([]);
  useEffect(() => {
    let live = true;
    void popularNear(lat, lng, SHOWN).then((r) => live && setItems(r.ok ? r.data.items : []));
    return () => void (live = false);
  }, [lat, lng]);
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="popular-title" class="rec-section">
      <h2 id="popular-title">Popular near you</h2>
      <ItemList items={items} label="Dishes popular near you" />
    </section>
  );
}

/**
 * In the dialog of `item`: the dishes of this menu most often in the same order; choosing one
 * opens its dialog instead.
 */
export function OftenOrderedWith({
  merchantId,
  item,
  menuItems,
  onChoose,
}: {
  merchantId: string;
  item: MenuItem;
  menuItems: ReadonlyMap<string, MenuItem>;
  onChoose: (item: MenuItem) => void;
}) {
  const [items, setItems] = useState<RecommendedItem[]>([]);
  useEffect(() => {
    let live = true;
    setItems([]);
    void oftenOrderedWith(merchantId, item.id, 3).then(
      (r) => live && setItems(r.ok ? r.data.items : []),
    );
    return () => void (live = false);
  }, [merchantId, item.id]);
  const onMenu = items.filter((i) => menuItems.has(i.item_id));
  if (onMenu.length === 0) return null;
  return (
    <section aria-labelledby="together-title" class="rec-section">
      <h3 id="together-title">Often ordered together</h3>
      <ul class="rec-items">
        {onMenu.map((i) => (
          <li key={i.item_id} class="rec-item">
            <Button variant="secondary" onClick={() => onChoose(menuItems.get(i.item_id)!)}>
              {`See ${i.name}`}
            </Button>
            <span class="price">{priceWords(i)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
