// A Leaflet map that draws the portals' places (merchants, addresses, delivery zones) as vector
// layers. Tiles are drawn only when the server is configured with a tile URL; otherwise the map
// is a plain background and never asks another host for anything. Keyboard users move the map
// with the arrow keys and pick its centre with a button: clicking is never the only way.
import type * as Leaflet from 'leaflet';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from './Button';

export interface LatLng {
  lat: number;
  lng: number;
}

export type MapLayer =
  | {
      kind: 'point';
      id: string;
      at: LatLng;
      label: string;
      tone?: 'merchant' | 'address' | 'selected' | 'courier' | 'silent';
    }
  /** A straight line between places (a delivery from its restaurant to its customer). */
  | { kind: 'line'; id: string; points: LatLng[]; label: string }
  | { kind: 'circle'; id: string; center: LatLng; radiusM: number; label: string }
  | { kind: 'polygon'; id: string; rings: LatLng[][]; label: string; tone?: 'zone' | 'editing' }
  /** A point the pointer can drag (a polygon's corner); reports through onMove. Not a Tab stop:
   *  pages give keyboard users buttons for the same moves (see PolygonEditor). */
  | { kind: 'handle'; id: string; at: LatLng; label: string; selected?: boolean };

export interface MapTiles {
  url: string;
  attribution: string | null;
}

export interface MapViewProps {
  /** What the map shows, for screen readers ("Merchants delivering to your address"). */
  label: string;
  center: LatLng;
  zoom?: number;
  layers: MapLayer[];
  tiles?: MapTiles | null;
  /** Called with the clicked point, or the map's centre from the "pick" button. */
  onPick?: (at: LatLng) => void;
  /** Called when a `handle` layer has been dragged to a new place. */
  onMove?: (id: string, at: LatLng) => void;
  /** Called with the map's centre after every move (keyboard, drag, zoom) and once at start. */
  onCenterChange?: (center: LatLng) => void;
  /** Label of the button that picks the centre (shown only with onPick). */
  pickLabel?: string;
  /** Fit the view to the layers when they change (e.g. a merchant's zone). */
  fitToLayers?: boolean;
}

type L = typeof Leaflet;

/** Leaflet is loaded with the first map, so pages without one never download it. */
let leaflet: Promise<L> | null = null;
function loadLeaflet(): Promise<L> {
  leaflet ??= Promise.all([import('leaflet'), import('leaflet/dist/leaflet.css')]).then(
    ([module]) => module.default,
  );
  return leaflet;
}

const tones: Record<string, Leaflet.PathOptions> = {
  merchant: { color: '#1d4ed8', fillColor: '#3b82f6', fillOpacity: 0.9, weight: 2 },
  address: { color: '#065f46', fillColor: '#10b981', fillOpacity: 0.9, weight: 2 },
  selected: { color: '#7c2d12', fillColor: '#f97316', fillOpacity: 1, weight: 3 },
  zone: { color: '#1d4ed8', fillColor: '#93c5fd', fillOpacity: 0.15, weight: 2 },
  editing: { color: '#b45309', fillColor: '#fcd34d', fillOpacity: 0.25, weight: 3, dashArray: '6 4' },
  courier: { color: '#581c87', fillColor: '#a855f7', fillOpacity: 1, weight: 2 },
  silent: { color: '#57534e', fillColor: '#a8a29e', fillOpacity: 1, weight: 2, dashArray: '2 2' },
  line: { color: '#7c2d12', weight: 3, opacity: 0.7, dashArray: '8 6' },
};

function toLeaflet(
  L: L,
  layer: MapLayer,
  onMove: (id: string, at: LatLng) => void,
): Leaflet.Layer {
  switch (layer.kind) {
    case 'point':
      return L.circleMarker([layer.at.lat, layer.at.lng], {
        radius: layer.tone === 'selected' ? 9 : 7,
        ...tones[layer.tone ?? 'merchant'],
      }).bindTooltip(layer.label);
    case 'line':
      return L.polyline(
        layer.points.map((p) => [p.lat, p.lng] as Leaflet.LatLngTuple),
        tones.line,
      ).bindTooltip(layer.label);
    case 'circle':
      return L.circle([layer.center.lat, layer.center.lng], {
        radius: layer.radiusM,
        ...tones.zone,
      }).bindTooltip(layer.label);
    case 'handle': {
      const marker = L.marker([layer.at.lat, layer.at.lng], {
        icon: L.divIcon({
          className: layer.selected ? 'map-handle map-handle-selected' : 'map-handle',
          iconSize: [18, 18],
        }),
        draggable: true,
        keyboard: false,
        title: layer.label,
      });
      marker.on('dragend', () => {
        const at = marker.getLatLng();
        onMove(layer.id, { lat: at.lat, lng: at.lng });
      });
      return marker;
    }
    case 'polygon':
      return L.polygon(
        layer.rings.map((ring) => ring.map((p) => [p.lat, p.lng] as Leaflet.LatLngTuple)),
        tones[layer.tone ?? 'zone'],
      ).bindTooltip(layer.label);
  }
}

export function MapView({
  label,
  center,
  zoom = 13,
  layers,
  tiles,
  onPick,
  onMove,
  onCenterChange,
  pickLabel = 'Choose the centre of the map',
  fitToLayers = false,
}: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<Leaflet.Map | null>(null);
  const group = useRef<Leaflet.FeatureGroup | null>(null);
  const library = useRef<L | null>(null);
  const [ready, setReady] = useState(false);
  const pick = useRef(onPick);
  pick.current = onPick;
  const move = useRef(onMove);
  move.current = onMove;
  const centred = useRef(onCenterChange);
  centred.current = onCenterChange;

  useEffect(() => {
    let live = true;
    let created: Leaflet.Map | null = null;
    void loadLeaflet().then((L) => {
      if (!live || !container.current) return;
      library.current = L;
      created = createMap(L, container.current);
      map.current = created;
      setReady(true);
    });
    return () => {
      live = false;
      // Listeners first: remove() fires a last moveend after its panes are gone.
      created?.off();
      created?.remove();
      map.current = null;
      group.current = null;
      setReady(false);
    };
  }, [tiles?.url]);

  function createMap(L: L, element: HTMLDivElement): Leaflet.Map {
    // No animations: a pan or zoom still running when the map unmounts (a page change) would
    // touch removed panes.
    const m = L.map(element, {
      zoomAnimation: false,
      fadeAnimation: false,
      markerZoomAnimation: false,
      center: [center.lat, center.lng],
      zoom,
      keyboard: true,
      attributionControl: Boolean(tiles?.attribution),
    });
    if (tiles) L.tileLayer(tiles.url, { attribution: tiles.attribution ?? '' }).addTo(m);
    group.current = L.featureGroup().addTo(m);
    m.on('click', (e: Leaflet.LeafletMouseEvent) =>
      pick.current?.({ lat: e.latlng.lat, lng: e.latlng.lng }),
    );
    const reportCentre = () => {
      const c = m.getCenter();
      centred.current?.({ lat: c.lat, lng: c.lng });
    };
    m.on('moveend', reportCentre);
    reportCentre();
    return m;
  }

  useEffect(() => {
    const g = group.current;
    const L = library.current;
    if (!g || !L || !ready || !map.current) return;
    g.clearLayers();
    for (const layer of layers)
      g.addLayer(toLeaflet(L, layer, (id, at) => move.current?.(id, at)));
    if (fitToLayers && layers.length > 0 && map.current) {
      map.current.fitBounds(g.getBounds(), { padding: [24, 24], maxZoom: 16, animate: false });
    }
  }, [layers, fitToLayers, ready]);

  useEffect(() => {
    if (!fitToLayers)
      map.current?.setView([center.lat, center.lng], map.current.getZoom(), { animate: false });
  }, [center.lat, center.lng]);

  const pickCentre = () => {
    const c = map.current?.getCenter();
    if (c) onPick?.({ lat: c.lat, lng: c.lng });
  };

  return (
    <div class="map">
      <div
        ref={container}
        class={tiles ? 'map-canvas' : 'map-canvas map-plain'}
        role="application"
        aria-label={`${label}. Arrow keys move the map; plus and minus zoom.`}
      />
      {onPick && (
        <div class="map-actions">
          <span class="map-crosshair" aria-hidden="true" />
          <Button variant="secondary" onClick={pickCentre}>
            {pickLabel}
          </Button>
        </div>
      )}
    </div>
  );
}
