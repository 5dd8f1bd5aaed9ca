// The browse page's filters as they live in the address bar (?cuisine=thai&dietary=vegan,halal
// &price=1,2&open_now=1&max_minutes=30&sort=rating), so reload, back and shared links keep them.
import type { MerchantFilters, Sort } from '../../../api/discovery';
import { dietaryLabels } from '../../../api/catalog';

export type Filters = Omit<MerchantFilters, 'lat' | 'lng'>;

export const cuisines = [
  'bakery', 'breakfast', 'burgers', 'chinese', 'coffee', 'greek', 'indian', 'italian', 'korean',
  'lebanese', 'mexican', 'pizza', 'poke', 'ramen', 'salads', 'sushi', 'thai', 'turkish', 'vegan',
  'vietnamese',
] as const;

export const dietaryOptions = Object.entries(dietaryLabels).map(([value, label]) => ({ value, label }));

export const priceOptions = [
  { value: '1', label: 'Inexpensive' },
  { value: '2', label: 'Moderate' },
  { value: '3', label: 'Pricey' },
  { value: '4', label: 'High end' },
];

export const deliveryTimeOptions = [20, 30, 45, 60].map((m) => ({
  value: String(m),
  label: `Up to ${m} minutes`,
}));

export const sortOptions: { value: Sort; label: string }[] = [
  { value: 'distance', label: 'Nearest first' },
  { value: 'rating', label: 'Best rated first' },
  { value: 'delivery_time', label: 'Fastest delivery first' },
];

const list = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);

export function filtersFromQuery(search: string): Filters {
  const q = new URLSearchParams(search);
  const sort = q.get('sort');
  const minutes = Number(q.get('max_minutes'));
  return {
    cuisine: q.get('cuisine') || undefined,
    dietary: list(q.get('dietary')).filter((d) => d in dietaryLabels),
    price: list(q.get('price')).filter((p) => /^[1-4]$/.test(p)),
    openNow: q.get('open_now') === '1',
    maxDeliveryMinutes: Number.isInteger(minutes) && minutes > 0 ? minutes : undefined,
    sort: sortOptions.some((o) => o.value === sort) ? (sort as Sort) : undefined,
  };
}

export function filtersToQuery(f: Filters): Record<string, string | undefined> {
  return {
    cuisine: f.cuisine,
    dietary: f.dietary?.join(','),
    price: f.price?.join(','),
    open_now: f.openNow ? '1' : undefined,
    max_minutes: f.maxDeliveryMinutes ? String(f.maxDeliveryMinutes) : undefined,
    sort: f.sort && f.sort !== 'distance' ? f.sort : undefined,
  };
}

/** How many filters narrow the list (sorting is not one). */
export const activeFilterCount = (f: Filters) =>
  (f.cuisine ? 1 : 0) +
  (f.dietary?.length ?? 0) +
  (f.price?.length ?? 0) +
  (f.openNow ? 1 : 0) +
  (f.maxDeliveryMinutes ? 1 : 0);
