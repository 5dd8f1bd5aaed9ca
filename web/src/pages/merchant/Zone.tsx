// The delivery zone: a distance around the store (with a circle preview) or an area drawn and
// edited on the map (PolygonEditor: pointer or keyboard). Saved with PATCH {delivery_zone}; the
// API's validation errors are shown in words beside the control they are about.
import { useMemo, useState } from 'preact/hooks';
import { useWebConfig } from '../../api/config';
import { describeField, updateMerchant, type DeliveryZone } from '../../api/merchant';
import type { UserError } from '../../api/problem';
import {
  Alert,
  Form,
  MapView,
  PolygonEditor,
  RadioGroup,
  squareAround,
  TextField,
  type LatLng,
  type MapLayer,
} from '../../ui';
import { atLeast, StorePage, useStore } from './shell';

type Polygon = Extract<DeliveryZone, { type: 'polygon' }>;

/** GeoJSON rings ([lng, lat], closed) → corners of the outer ring and the holes as they are. */
function ringsOf(zone: DeliveryZone): { corners: LatLng[]; holes: LatLng[][] } {
  if (zone.type !== 'polygon') return { corners: [], holes: [] };
  const rings = zone.polygon.coordinates.map((ring) =>
    ring.map(([lng, lat]) => ({ lat: lat!, lng: lng! })),
  );
  const [outer = [], ...holes] = rings;
  return { corners: outer.slice(0, -1), holes };
}

function polygonOf(corners: LatLng[], holes: LatLng[][]): Polygon {
  const close = (ring: LatLng[]) => [...ring, ring[0]!].map((p) => [p.lng, p.lat]);
  return {
    type: 'polygon',
    polygon: { type: 'Polygon', coordinates: [close(corners), ...holes.map((h) => h.map((p) => [p.lng, p.lat]))] },
  };
}

const sentence = (s: string) => s[0]!.toUpperCase() + s.slice(1).replace(/\.?$/, '.');

export function Zone() {
  const { merchant, level, update } = useStore();
  const config = useWebConfig();
  const zone = merchant.delivery_zone;
  const [kind, setKind] = useState<'radius' | 'polygon'>(zone.type);
  const [km, setKm] = useState(zone.type === 'radius' ? String(zone.radius_m / 1000) : '3');
  const initial = useMemo(() => ringsOf(zone), []);
  const [corners, setCorners] = useState<LatLng[]>(initial.corners);
  const [polygonError, setPolygonError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const manager = atLeast(level, 'manager');

  const holeLayers = useMemo<MapLayer[]>(
    () => initial.holes.map((h, i) => ({ kind: 'polygon', id: `hole-${i}`, rings: [h], label: 'Not delivered (a hole in the zone)' })),
    [],
  );
  const radiusM = Math.round(Number(km.replace(',', '.')) * 1000);
  const circle = useMemo<MapLayer[]>(
    () => [
      ...(Number.isFinite(radiusM) && radiusM > 0
        ? [{ kind: 'circle' as const, id: 'zone', center: merchant.location, radiusM, label: `Within ${km} km` }]
        : []),
      { kind: 'point', id: 'store', at: merchant.location, label: merchant.name, tone: 'merchant' },
    ],
    [radiusM, merchant.location],
  );
  const marker = useMemo(() => ({ at: merchant.location, label: merchant.name }), [merchant.location]);

  if (!manager)
    return (
      <StorePage section="zone">
        <div class="stack">
          <p>Only managers and owners change the delivery zone.</p>
          <MapView
            label="The delivery zone"
            center={merchant.location}
            tiles={config.tiles}
            layers={zone.type === 'radius' ? circle : [{ kind: 'polygon', id: 'zone', rings: [initial.corners, ...initial.holes], label: 'Delivery zone' }]}
            fitToLayers
          />
        </div>
      </StorePage>
    );

  return (
    <StorePage section="zone">
      <div class="stack">
        <p>Customers can order when their address is inside the zone.</p>
        {saved && <Alert tone="success">The delivery zone is saved.</Alert>}
        {/* Outside the form, so that switching keeps focus here and starts the form afresh. */}
        <RadioGroup
          name="kind"
          legend="How far you deliver"
          required
          defaultValue={kind}
          onChange={(v) => {
            setKind(v as 'radius' | 'polygon');
            setSaved(false);
          }}
          options={[
            { value: 'radius', label: 'Within a distance of the store', hint: 'A circle around the store.' },
            { value: 'polygon', label: 'An area drawn on the map', hint: 'Follow streets, rivers or districts.' },
          ]}
        />
        <Form
          key={kind}
          label="Delivery zone"
          submitLabel="Save delivery zone"
          busyLabel="Saving…"
          onSubmit={async (values): Promise<UserError | void> => {
            setSaved(false);
            setPolygonError(undefined);
            let body: DeliveryZone;
            if (kind === 'radius') {
              const m = Math.round(Number((values.radius_km ?? '').replace(',', '.')) * 1000);
              if (!Number.isFinite(m) || m <= 0)
                return { message: 'Enter the distance in kilometres, e.g. 3 or 2.5.', fields: { radius_km: 'must be a number of kilometres, e.g. 3 or 2.5' }, status: 0 };
              body = { type: 'radius', radius_m: m };
            } else {
              if (corners.length < 3) {
                setPolygonError('The area needs at least 3 corners.');
                return { message: 'The area needs at least 3 corners: add corners on the map.', fields: {}, status: 0 };
              }
              body = polygonOf(corners, initial.holes);
            }
            const r = await updateMerchant(merchant.id, { delivery_zone: body });
            if (!r.ok) {
              const messages = Object.entries(r.error.paths).map(([path, message]) =>
                sentence(`${describeField(path.replace(/^delivery_zone\.?/, '')) || 'the zone'} ${message}`),
              );
              if (kind === 'radius' && r.error.paths['delivery_zone.radius_m'])
                return {
                  ...r.error,
                  fields: { radius_km: 'must be from 0.1 to 50 km' },
                  message: 'The distance needs a change: see the message beside it.',
                };
              if (messages.length > 0) {
                setPolygonError(messages.join(' '));
                return { ...r.error, fields: {}, message: 'The area needs a change: see the message under the map.' };
              }
              return r.error;
            }
            update(r.data);
            setSaved(true);
          }}
        >
          {kind === 'radius' ? (
            <>
              <TextField
                name="radius_km"
                label="Distance (km)"
                hint="From 0.1 to 50 km, e.g. 3 or 2.5."
                inputMode="decimal"
                value={km}
                onInput={(e) => setKm(e.currentTarget.value)}
                required
              />
              <MapView
                label={`Delivery zone preview: within ${km} km of the store`}
                center={merchant.location}
                zoom={12}
                tiles={config.tiles}
                layers={circle}
              />
            </>
          ) : (
            <PolygonEditor
              label="Delivery zone"
              corners={corners}
              onChange={setCorners}
              center={merchant.location}
              marker={marker}
              extraLayers={holeLayers}
              tiles={config.tiles}
              error={polygonError}
              starter={() => squareAround(merchant.location, 1500)}
            />
          )}
        </Form>
      </div>
    </StorePage>
  );
}
