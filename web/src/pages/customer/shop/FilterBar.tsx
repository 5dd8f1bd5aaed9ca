// The browse page's filters: every change applies at once (the list reloads and the count is
// announced), so there is no "apply" button to find. The controls follow `filters` (controlled),
// so "Clear filters" and the address bar's values show in them.
import { useRef, useState } from 'preact/hooks';
import { Button, Checkbox, CheckboxGroup, Select } from '../../../ui';
import { cuisineWords } from './MerchantCard';
import {
  activeFilterCount,
  cuisines,
  deliveryTimeOptions,
  dietaryOptions,
  priceOptions,
  sortOptions,
  type Filters,
} from './filters';

const cuisineOptions = cuisines.map((c) => ({ value: c, label: cuisineWords([c]) }));

export function FilterBar({ filters, onChange }: { filters: Filters; onChange: (f: Filters) => void }) {
  const set = (change: Partial<Filters>) => onChange({ ...filters, ...change });
  const active = activeFilterCount(filters);
  const heading = useRef<HTMLHeadingElement>(null);
  const more = (filters.dietary?.length ?? 0) + (filters.price?.length ?? 0);
  // Dietary and price fold away (they fill a phone's screen) unless one of them is on.
  const [moreOpen] = useState(more > 0);
  const clear = () => {
    onChange({ sort: filters.sort });
    heading.current?.focus(); // the button goes away with the filters
  };
  return (
    <section class="filters filter-bar" aria-labelledby="filters-title">
      <div class="toolbar">
        <h2 id="filters-title" ref={heading} tabIndex={-1}>
          Filters{active > 0 && <span class="muted"> ({active} on)</span>}
        </h2>
        {active > 0 && (
          <Button variant="secondary" onClick={clear}>
            Clear filters
          </Button>
        )}
      </div>
      <div class="filter-grid">
        <Select
          name="cuisine"
          label="Cuisine"
          emptyOption="Any cuisine"
          options={cuisineOptions}
          value={filters.cuisine ?? ''}
          onChange={(e) => set({ cuisine: e.currentTarget.value || undefined })}
        />
        <Select
          name="max_delivery_minutes"
          label="Delivery time"
          emptyOption="Any delivery time"
          options={deliveryTimeOptions}
          value={filters.maxDeliveryMinutes ? String(filters.maxDeliveryMinutes) : ''}
          onChange={(e) => set({ maxDeliveryMinutes: Number(e.currentTarget.value) || undefined })}
        />
        <Select
          name="sort"
          label="Sort"
          options={sortOptions}
          value={filters.sort ?? 'distance'}
          required
          onChange={(e) => set({ sort: e.currentTarget.value as Filters['sort'] })}
        />
        <div class="filter-open-now">
          <Checkbox
            name="open_now"
            label="Open now"
            hint="Hide merchants that are closed or paused."
            checked={Boolean(filters.openNow)}
            onChange={(openNow) => set({ openNow })}
          />
        </div>
      </div>
      <details class="filter-more" open={moreOpen}>
        <summary>
          Dietary and price{more > 0 && <span class="muted"> ({more} on)</span>}
        </summary>
        <div class="filter-grid">
          <CheckboxGroup
            legend="Dietary"
            name="dietary"
            options={dietaryOptions}
            values={filters.dietary ?? []}
            onChange={(dietary) => set({ dietary })}
            columns
          />
          <CheckboxGroup
            legend="Price"
            name="price"
            options={priceOptions}
            values={filters.price ?? []}
            onChange={(price) => set({ price })}
          />
        </div>
      </details>
    </section>
  );
}
