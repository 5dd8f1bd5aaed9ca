// Merchants that deliver to the chosen address: what to order again and what is popular near it,
// filters (kept in the address bar), the list in pages of 20 with "Load more", and a map of the
// merchants shown.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { useWebConfig } from '../../api/config';
import { useSession } from '../../auth/useSession';
import {
  listMerchants,
  type MerchantCard as Card,
  type MerchantFilters,
} from '../../api/discovery';
import {
  Button,
  Link,
  LoadMore,
  MapView,
  Page,
  PagedListError,
  replaceQuery,
  usePagedList,
  type MapLayer,
} from '../../ui';
import { paths } from './paths';
import { AddressBar } from './shop/AddressBar';
import { useDeliveryAddress, type DeliveryAddress } from './shop/address';
import { FilterBar } from './shop/FilterBar';
import { activeFilterCount, filtersFromQuery, filtersToQuery, type Filters } from './shop/filters';
import { MerchantCard } from './shop/MerchantCard';
import { OrderAgainSection, PopularNearSection } from './shop/Recommendations';
import { useMerchantLocations } from './shop/merchantLocations';

const PAGE_SIZE = 20;
/** The API's opaque cursors come with each page (PageResult.next), not from a row. */
const noCursor = () => '';

export function Browse({ nav }: { nav: ComponentChildren }) {
  const address = useDeliveryAddress();
  return (
    <Page title="Merchants near you" portal="Customer" nav={nav}>
      {address ? (
        <MerchantList address={address} />
      ) : (
        <div class="empty-state">
          <p>Choose a delivery address first: the list shows the merchants that deliver there.</p>
          <p>
            <Link class="btn btn-primary" href={paths.address}>
              Choose an address
            </Link>
          </p>
        </div>
      )}
    </Page>
  );
}

function MerchantList({ address }: { address: DeliveryAddress }) {
  const session = useSession();
  const signedIn = session === 'authenticated' || session === 'expired';
  const [filters, setFilters] = useState<Filters>(() => filtersFromQuery(location.search));
  const at = { lat: address.lat, lng: address.lng };
  const list = usePagedList<Card, MerchantFilters>(listMerchants, noCursor, PAGE_SIZE, {
    ...filters,
    ...at,
  });

  useEffect(() => void list.load({ ...filters, ...at }), [address.lat, address.lng]);

  const change = useCallback(
    (next: Filters) => {
      setFilters(next);
      replaceQuery(filtersToQuery(next));
      void list.load({ ...next, ...at });
    },
    [list.load, address.lat, address.lng],
  );

  let body: ComponentChildren;
  if (list.items === null || (list.loading && list.items.length === 0))
    body = !list.error && <p role="status">Finding merchants that deliver to {address.label}…</p>;
  else if (list.items.length === 0)
    body = (
      <Empty
        address={address}
        filtered={activeFilterCount(filters) > 0}
        onClear={() => change({ sort: filters.sort })}
      />
    );
  else
    body = (
      <Results items={list.items} address={address} busy={list.loading}>
        <LoadMore
          shown={list.items.length}
          done={list.done}
          busy={list.loadingMore}
          onMore={() => void list.more()}
          noun={['merchant', 'merchants']}
        />
      </Results>
    );

  return (
    <div class="stack">
      <AddressBar address={address} />
      {signedIn && <OrderAgainSection />}
      <PopularNearSection lat={address.lat} lng={address.lng} />
      <FilterBar filters={filters} onChange={change} />
      <PagedListError list={list} />
      {body}
    </div>
  );
}

interface EmptyProps {
  address: DeliveryAddress;
  filtered: boolean;
  onClear: () => void;
}

function Empty({ address, filtered, onClear }: EmptyProps) {
  if (filtered)
    return (
      <div class="empty-state" role="status">
        <p>No merchant delivering to {address.label} matches these filters.</p>
        <p>
          <Button variant="secondary" onClick={onClear}>
            Clear filters
          </Button>
        </p>
      </div>
    );
  return (
    <div class="empty-state" role="status">
      <p>No merchant delivers to {address.label} yet: try an address closer to the centre.</p>
      <p>
        <Link href={paths.address}>Choose another address</Link>
      </p>
    </div>
  );
}

interface ResultsProps {
  items: Card[];
  address: DeliveryAddress;
  /** New filters are loading: the list shown is about to change. */
  busy: boolean;
  children: ComponentChildren;
}

function Results({ items, address, busy, children }: ResultsProps) {
  const config = useWebConfig();
  const located = useMerchantLocations(items);
  const layers = useMemo<MapLayer[]>(() => {
    const you = `You: ${address.label}`;
    const out: MapLayer[] = [{ kind: 'point', id: 'address', at: address, label: you, tone: 'selected' }];
    for (const m of items) {
      const at = located.get(m.id);
      if (at) out.push({ kind: 'point', id: m.id, at, label: m.name, tone: 'merchant' });
    }
    return out;
  }, [items, located, address]);
  return (
    <div class="browse-results">
      <section aria-labelledby="merchants-map" class="browse-map">
        <h2 id="merchants-map" class="visually-hidden">
          Map of the merchants
        </h2>
        <MapView
          label={`Map: ${items.length} merchants around ${address.label}`}
          center={address}
          layers={layers}
          tiles={config.tiles}
        />
      </section>
      <section aria-labelledby="merchants-list" aria-busy={busy || undefined}>
        <h2 id="merchants-list" class="visually-hidden">
          Merchants
        </h2>
        <ul class="merchant-cards">
          {items.map((m) => (
            <MerchantCard key={m.id} merchant={m} level={3} />
          ))}
        </ul>
        {children}
      </section>
    </div>
  );
}
