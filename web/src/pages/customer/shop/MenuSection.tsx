// One category of a menu with its items: price, dietary tags, allergens, calories, photo, and
// whether it can be ordered now (sold out and unavailable items are marked and have no "Add").
import type { MenuCategory, MenuItem } from '../../../api/catalog';
import { allergenLabels, dietaryLabel } from '../../../api/catalog';
import { Badge, Button, formatMoney } from '../../../ui';
import { windowsWords } from './availability';

export function MenuSection({
  category,
  currency,
  onAdd,
}: {
  category: MenuCategory;
  currency: string;
  onAdd: (item: MenuItem) => void;
}) {
  const when = windowsWords(category.availability);
  const id = `category-${category.id}`;
  return (
    <section class="shop-category" id={id} aria-labelledby={`${id}-title`} tabIndex={-1}>
      <h3 id={`${id}-title`}>{category.name}</h3>
      {category.description && <p class="muted">{category.description}</p>}
      {!category.available_now && when && (
        <p class="shop-notice">
          Served {when} (the merchant's local time): not available right now.
        </p>
      )}
      {category.items.length === 0 ? (
        <p class="muted">Nothing in this category yet.</p>
      ) : (
        <ul class="shop-items">
          {category.items.map((item) => (
            <MenuItemRow
              key={item.id}
              item={item}
              currency={currency}
              categoryOpen={category.available_now}
              onAdd={onAdd}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function MenuItemRow({
  item,
  currency,
  categoryOpen,
  onAdd,
}: {
  item: MenuItem;
  currency: string;
  categoryOpen: boolean;
  onAdd: (item: MenuItem) => void;
}) {
  const available = item.available_now && categoryOpen && !item.sold_out;
  const when = windowsWords(item.availability);
  const photo = item.photo_urls[0];
  return (
    <li
      class={available ? 'shop-item' : 'shop-item shop-item-off'}
      id={`item-${item.id}`}
      tabIndex={-1}
    >
      {photo && <img src={photo} alt="" width={88} height={66} loading="lazy" />}
      <div class="shop-item-body">
        <h4 class="shop-item-name">{item.name}</h4>
        {item.description && <p class="shop-item-description">{item.description}</p>}
        <p class="shop-item-facts">
          <span class="price">{formatMoney(item.price_minor, currency)}</span>
          {item.calories != null && <span>{item.calories} kcal</span>}
          {item.dietary.map((d) => (
            <Badge key={d} tone="success">
              {dietaryLabel(d)}
            </Badge>
          ))}
          {item.age_restricted && <Badge tone="warning">18+ (ID check)</Badge>}
        </p>
        {item.allergens.length > 0 && (
          <p class="shop-item-allergens">
            Contains: {item.allergens.map((a) => allergenLabels[a] ?? a).join(', ')}
          </p>
        )}
        {item.sold_out ? (
          <p>
            <Badge tone="danger">Sold out</Badge>
          </p>
        ) : !available ? (
          <p>
            <Badge tone="neutral">Not available now</Badge>
            {when && <span class="muted"> Served {when}.</span>}
          </p>
        ) : null}
      </div>
      {available && (
        <div class="shop-item-add">
          <Button variant="secondary" aria-label={`Add ${item.name}`} onClick={() => onAdd(item)}>
            Add
          </Button>
        </div>
      )}
    </li>
  );
}
