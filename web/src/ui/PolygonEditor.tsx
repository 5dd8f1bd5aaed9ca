// Draws and edits a polygon (a delivery zone) on a MapView:
//  - pointer: click the map to add a corner, drag a corner to move it;
//  - keyboard: move the map with the arrow keys (a cross marks its centre), then "Add a corner at
//    the map centre", or "Move here" / "Add after" / "Remove" on a corner of the list;
//  - every change can be undone, and is announced in a status line.
// The corners are listed in words (their coordinates), so the shape can be checked without
// seeing the map.
import { useMemo, useRef, useState } from 'preact/hooks';
import { Button } from './Button';
import { MapView, type LatLng, type MapLayer, type MapTiles } from './MapView';

export interface PolygonEditorProps {
  /** What is drawn, for the map's label and the list's heading: "Delivery zone". */
  label: string;
  /** The outer ring's corners, without repeating the first at the end. */
  corners: readonly LatLng[];
  onChange: (corners: LatLng[]) => void;
  /** Where the map opens (the store). */
  center: LatLng;
  /** Drawn under the polygon (the store's pin). */
  marker?: { at: LatLng; label: string };
  /** Drawn as they are (holes of a zone kept from the server). */
  extraLayers?: MapLayer[];
  tiles?: MapTiles | null;
  /** An error about the polygon (from the API), shown under the map. */
  error?: string;
  /** Corners of a first shape offered by "Start with a square" (e.g. around the store). */
  starter?: () => LatLng[];
}

const fmt = (n: number) => n.toFixed(5);
export const describePoint = (p: LatLng) => `${fmt(p.lat)}, ${fmt(p.lng)}`;

/** A square with the given half-side in metres around a point (a starting shape). */
export function squareAround(center: LatLng, halfSideM: number): LatLng[] {
  const dLat = halfSideM / 111_320;
  const dLng = halfSideM / (111_320 * Math.cos((center.lat * Math.PI) / 180));
  return [
    { lat: center.lat + dLat, lng: center.lng - dLng },
    { lat: center.lat + dLat, lng: center.lng + dLng },
    { lat: center.lat - dLat, lng: center.lng + dLng },
    { lat: center.lat - dLat, lng: center.lng - dLng },
  ];
}

export function PolygonEditor({
  label,
  corners,
  onChange,
  center,
  marker,
  extraLayers = [],
  tiles,
  error,
  starter,
}: PolygonEditorProps) {
  const [history, setHistory] = useState<LatLng[][]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [status, setStatus] = useState('');
  const mapCentre = useRef<LatLng>(center);

  function change(next: LatLng[], words: string) {
    setHistory((h) => [...h.slice(-49), [...corners]]);
    onChange(next);
    setStatus(words);
  }

  const layers = useMemo<MapLayer[]>(() => {
    const out: MapLayer[] = [...extraLayers];
    if (corners.length >= 3)
      out.push({ kind: 'polygon', id: 'shape', rings: [[...corners]], label, tone: 'editing' });
    if (marker)
      out.push({ kind: 'point', id: 'marker', at: marker.at, label: marker.label, tone: 'merchant' });
    corners.forEach((c, i) =>
      out.push({
        kind: 'handle',
        id: String(i),
        at: c,
        label: `Corner ${i + 1}`,
        selected: i === selected,
      }),
    );
    return out;
  }, [corners, selected, marker, extraLayers, label]);

  return (
    <div class="polygon-editor">
      <p class="hint">
        Click the map to add a corner; drag a corner to move it. With the keyboard: focus the map,
        move it with the arrow keys until the cross is where a corner goes, then use “Add a corner
        at the map centre”, or “Move here” on a corner in the list. A zone needs at least 3 corners.
      </p>
      <div class="map-with-crosshair">
        <MapView
          label={`${label}: map`}
          center={center}
          zoom={13}
          tiles={tiles}
          layers={layers}
          pickLabel="Add a corner at the map centre"
          onPick={(at) =>
            change([...corners, at], `Corner ${corners.length + 1} added at ${describePoint(at)}.`)
          }
          onCenterChange={(c) => (mapCentre.current = c)}
          onMove={(id, at) => {
            const i = Number(id);
            setSelected(i);
            change(
              corners.map((c, j) => (j === i ? at : c)),
              `Corner ${i + 1} moved to ${describePoint(at)}.`,
            );
          }}
        />
        <span class="map-centre-cross" aria-hidden="true" />
      </div>
      <div class="form-actions">
        <Button
          variant="secondary"
          class="btn-small"
          aria-disabled={history.length === 0 ? 'true' : undefined}
          onClick={() => {
            const last = history[history.length - 1];
            if (!last) return setStatus('Nothing to undo.');
            setHistory((h) => h.slice(0, -1));
            onChange(last);
            setSelected(null);
            setStatus(`Undone: back to ${last.length} corner${last.length === 1 ? '' : 's'}.`);
          }}
        >
          Undo
        </Button>
        {starter && corners.length === 0 && (
          <Button
            variant="secondary"
            class="btn-small"
            onClick={() => change(starter(), 'Started with a square of 4 corners.')}
          >
            Start with a square
          </Button>
        )}
        {corners.length > 0 && (
          <Button
            variant="secondary"
            class="btn-small"
            onClick={() => {
              change([], 'Every corner removed. Undo brings them back.');
              setSelected(null);
            }}
          >
            Remove every corner
          </Button>
        )}
      </div>
      <p role="status" class="polygon-status">
        {status}
      </p>
      {error && <p class="field-error">{error}</p>}
      <h3 class="polygon-corners-title">Corners ({corners.length})</h3>
      {corners.length === 0 ? (
        <p class="muted">No corners yet.</p>
      ) : (
        <ol class="polygon-corners" aria-label={`Corners of the ${label.toLowerCase()}`}>
          {corners.map((c, i) => (
            <li key={i} class={i === selected ? 'selected' : undefined}>
              <span>
                Corner {i + 1}: <span class="muted">{describePoint(c)}</span>
              </span>
              <span class="cell-actions">
                <Button
                  variant="secondary"
                  class="btn-small"
                  aria-label={`Move here: corner ${i + 1}, to the map centre`}
                  onClick={() => {
                    const at = mapCentre.current;
                    setSelected(i);
                    change(
                      corners.map((x, j) => (j === i ? at : x)),
                      `Corner ${i + 1} moved to ${describePoint(at)}.`,
                    );
                  }}
                >
                  Move here
                </Button>
                <Button
                  variant="secondary"
                  class="btn-small"
                  aria-label={`Add after corner ${i + 1}: a corner at the map centre`}
                  onClick={() => {
                    const at = mapCentre.current;
                    const next = [...corners];
                    next.splice(i + 1, 0, at);
                    setSelected(i + 1);
                    change(next, `Corner ${i + 2} added at ${describePoint(at)}.`);
                  }}
                >
                  Add after
                </Button>
                <Button
                  variant="secondary"
                  class="btn-small"
                  aria-label={`Remove corner ${i + 1}`}
                  onClick={() => {
                    setSelected(null);
                    change(
                      corners.filter((_, j) => j !== i),
                      `Corner ${i + 1} removed.`,
                    );
                  }}
                >
                  Remove
                </Button>
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
