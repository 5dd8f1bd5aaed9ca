// Where the food goes: one of the demo addresses, or any point picked on the map (a click, or
// "pick the centre" after moving the map with the arrow keys). Remembered on this device.
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { useWebConfig } from '../../api/config';
import { Alert, Button, MapView, navigate, Page, type LatLng, type MapLayer } from '../../ui';
import { nextPath, paths } from './paths';
import {
  demoAddresses,
  pointAddress,
  saveAddress,
  useDeliveryAddress,
  type DeliveryAddress,
} from './shop/address';

export function Address({ nav }: { nav: ComponentChildren }) {
  const current = useDeliveryAddress();
  const config = useWebConfig();
  const [picked, setPicked] = useState<LatLng | null>(null);

  const choose = (address: DeliveryAddress) => {
    saveAddress(address);
    navigate(nextPath(paths.browse));
  };

  const layers = useMemo<MapLayer[]>(() => {
    const out: MapLayer[] = demoAddresses.map((a, i) => ({
      kind: 'point',
      id: `demo-${i}`,
      at: a,
      label: a.label,
      tone: 'address',
    }));
    if (picked)
      out.push({ kind: 'point', id: 'picked', at: picked, label: 'Your point', tone: 'selected' });
    return out;
  }, [picked]);

  return (
    <Page title="Where should we deliver?" portal="Customer" nav={nav}>
      <div class="stack">
        {current && (
          <p>
            Now delivering to <strong>{current.label}</strong>.
          </p>
        )}
        <section aria-labelledby="demo-addresses">
          <h2 id="demo-addresses">Pick an address</h2>
          <p class="muted">Addresses in the demo city of Berlin.</p>
          <ul class="address-choices">
            {demoAddresses.map((a) => (
              <li key={a.label}>
                <Button variant="secondary" block onClick={() => choose(a)}>
                  <span class="address-choice">
                    <span>{a.label}</span>
                    <span class="hint">{a.hint}</span>
                  </span>
                </Button>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="map-address">
          <h2 id="map-address">Or choose a point on the map</h2>
          <p class="muted">
            Click the map, or move it with the arrow keys and choose its centre.
          </p>
          <MapView
            label="Map of the city for choosing a delivery point"
            center={picked ?? current ?? config.mapCenter}
            layers={layers}
            tiles={config.tiles}
            onPick={setPicked}
            pickLabel="Choose the centre of the map"
          />
          {picked && (
            <Alert tone="info" title="Your point">
              <p>
                {picked.lat.toFixed(4)}, {picked.lng.toFixed(4)}
              </p>
              <p class="form-actions">
                <Button onClick={() => choose(pointAddress(picked.lat, picked.lng))}>
                  Deliver to this point
                </Button>
              </p>
            </Alert>
          )}
        </section>
      </div>
    </Page>
  );
}
