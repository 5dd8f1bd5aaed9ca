// The live city: a map of the couriers (moving as `city.drivers` reports them), the deliveries
// under way (restaurant to customer) and the merchants' delivery zones, with the same facts in
// lists beside it for keyboard and screen-reader users. No tile host unless the server names one.
import { useMemo } from 'preact/hooks';
import type { AdminMerchant } from '../../api/admin';
import { useWebConfig } from '../../api/config';
import { deliveryWords, type Delivery } from '../../api/deliveries';
import { liveWords } from '../../api/live';
import { courierStatusWords, vehicleWords } from '../../api/operations';
import {
  Alert,
  Badge,
  Button,
  Link,
  MapView,
  Table,
  formatDateTimeSeconds,
  type Column,
  type LatLng,
  type MapLayer,
} from '../../ui';
import { AdminPage, courierName, orderNumber, paths } from './shell';
import {
  COURIERS_MAX,
  DELIVERIES_MAX,
  MERCHANTS_MAX,
  useCity,
  type CityCourier,
} from './useCity';

function zoneLayer(m: AdminMerchant): MapLayer {
  const zone = m.delivery_zone;
  if (zone.type === 'radius')
    return { kind: 'circle', id: `zone-${m.id}`, center: m.location, radiusM: zone.radius_m, label: `${m.name}: delivery zone` };
  return {
    kind: 'polygon',
    id: `zone-${m.id}`,
    rings: zone.polygon.coordinates.map((ring) => ring.map(([lng, lat]) => ({ lat: lat!, lng: lng! }))),
    label: `${m.name}: delivery zone`,
  };
}

function cityLayers(
  merchants: AdminMerchant[],
  deliveries: Delivery[],
  couriers: CityCourier[],
): MapLayer[] {
  const layers: MapLayer[] = merchants.map(zoneLayer);
  for (const d of deliveries) {
    const [from, to] = [d.pickup.location, d.dropoff.location];
    layers.push(
      { kind: 'line', id: `route-${d.id}`, points: [from, to], label: `${d.merchant_name} to ${d.dropoff.address}` },
      { kind: 'point', id: `pickup-${d.id}`, at: from, label: d.merchant_name, tone: 'merchant' },
      { kind: 'point', id: `dropoff-${d.id}`, at: to, label: d.dropoff.address, tone: 'address' },
    );
  }
  for (const c of couriers)
    if (c.position && c.status !== 'offline')
      layers.push({
        kind: 'point',
        id: `courier-${c.driver_id}`,
        at: c.position,
        label: `${courierName(c.driver_id)} (${courierStatusWords[c.status]})`,
        tone: c.status === 'online' ? 'courier' : 'silent',
      });
  return layers;
}

/** The merchants' middle, or the server's map centre without merchants. */
function centerOf(merchants: AdminMerchant[] | null, fallback: LatLng): LatLng {
  if (!merchants || merchants.length === 0) return fallback;
  const sum = merchants.reduce((s, m) => ({ lat: s.lat + m.location.lat, lng: s.lng + m.location.lng }), { lat: 0, lng: 0 });
  return { lat: sum.lat / merchants.length, lng: sum.lng / merchants.length };
}

const courierColumns: Column<CityCourier>[] = [
  { header: 'Courier', rowHeader: true, cell: (c) => courierName(c.driver_id) },
  {
    header: 'Status',
    cell: (c) => (
      <Badge tone={c.status === 'online' ? 'success' : c.status === 'suspect' ? 'warning' : 'neutral'}>
        {courierStatusWords[c.status]}
      </Badge>
    ),
  },
  { header: 'Vehicle', cell: (c) => vehicleWords[c.vehicle] },
  {
    header: 'Last position',
    cell: (c) =>
      c.position
        ? `${c.position.lat.toFixed(4)}, ${c.position.lng.toFixed(4)} at ${formatDateTimeSeconds(c.position.at)}`
        : 'None yet',
  },
];

const deliveryColumns: Column<Delivery>[] = [
  {
    header: 'Restaurant',
    rowHeader: true,
    cell: (d) => (
      <>
        {d.merchant_name}
        <span class="cell-note">
          <Link href={`${paths.orders}/${d.order_id}`}>Order {orderNumber(d.order_id)}</Link>
        </span>
      </>
    ),
  },
  { header: 'To', cell: (d) => d.dropoff.address },
  { header: 'State', cell: (d) => deliveryWords[d.status] },
  { header: 'Courier', cell: (d) => (d.driver_id ? courierName(d.driver_id) : 'None yet') },
];

export function City() {
  const city = useCity();
  const config = useWebConfig();
  const layers = useMemo(
    () => cityLayers(city.merchants ?? [], city.deliveries ?? [], city.couriers ?? []),
    [city.merchants, city.deliveries, city.couriers],
  );
  const center = useMemo(() => centerOf(city.merchants, config.mapCenter), [city.merchants, config.mapCenter]);
  const onShift = city.couriers?.filter((c) => c.status !== 'offline') ?? [];
  return (
    <AdminPage title="Live city">
      <div class="stack">
        <p role="status" class="live-state">
          {liveWords[city.live]}
        </p>
        {city.error && <Alert tone="error">{city.error.message} Reload the page to try again.</Alert>}
        <div class="city">
          <div class="city-map">
            <MapView
              label={
                `Map of the city: ${onShift.length} couriers on shift, ` +
                `${city.deliveries?.length ?? 0} deliveries under way, ${city.merchants?.length ?? 0} delivery zones`
              }
              center={center}
              zoom={12}
              layers={layers}
              tiles={config.tiles}
            />
            <p class="muted">
              Purple: couriers online; grey: on shift but silent; dashed lines: deliveries from the
              restaurant (blue) to the customer (green); shaded: delivery zones.
            </p>
          </div>
          <CityLists city={city} onShift={onShift} />
        </div>
      </div>
    </AdminPage>
  );
}

function CityLists({ city, onShift }: { city: ReturnType<typeof useCity>; onShift: CityCourier[] }) {
  return (
    <div class="city-lists stack">
      <section aria-labelledby="couriers-title" class="stack">
        <h2 id="couriers-title">Couriers on shift</h2>
        {city.couriers === null ? (
          <p role="status">Loading couriers…</p>
        ) : (
          <Table
            caption="Couriers on shift, with their last position"
            captionHidden
            columns={courierColumns}
            rows={onShift}
            rowKey={(c) => c.driver_id}
            empty="No courier is on shift. Couriers appear here as they go online in the driver app."
          />
        )}
        {city.couriersCut && <p>Only the first {COURIERS_MAX} couriers are shown.</p>}
      </section>
      <section aria-labelledby="deliveries-title" class="stack">
        <h2 id="deliveries-title">Deliveries under way</h2>
        <p>
          <Button variant="secondary" onClick={() => void city.refreshDeliveries()}>
            Refresh deliveries
          </Button>
        </p>
        {city.deliveries === null ? (
          <p role="status">Loading deliveries…</p>
        ) : (
          <Table
            caption="Deliveries under way"
            captionHidden
            columns={deliveryColumns}
            rows={city.deliveries}
            rowKey={(d) => d.id}
            empty="No delivery is under way. Orders appear here once their restaurant accepts them."
          />
        )}
        {city.deliveriesCut && <p>Only the newest {DELIVERIES_MAX} orders under way are shown.</p>}
      </section>
      <ZoneList merchants={city.merchants} cut={city.merchantsCut} />
    </div>
  );
}

function ZoneList({ merchants, cut }: { merchants: AdminMerchant[] | null; cut: boolean }) {
  return (
    <section aria-labelledby="zones-title" class="stack">
      <h2 id="zones-title">Delivery zones</h2>
      {merchants === null ? (
        <p role="status">Loading zones…</p>
      ) : merchants.length === 0 ? (
        <p>No active merchant yet, so no zone.</p>
      ) : (
        <ul class="zone-list">
          {merchants.map((m) => (
            <li key={m.id}>
              {m.name}:{' '}
              {m.delivery_zone.type === 'radius'
                ? `within ${(m.delivery_zone.radius_m / 1000).toFixed(1)} km`
                : 'a drawn area'}
            </li>
          ))}
        </ul>
      )}
      {cut && <p>Only the first {MERCHANTS_MAX} merchants are shown.</p>}
    </section>
  );
}
