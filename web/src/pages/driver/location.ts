// Where the courier is: the browser's geolocation while on shift (where the courier granted it),
// or, with "simulate movement" on in the demo, a point that rides toward the next stop. Every
// position goes to the outbox as a location point; a courier standing still is reported again
// every 20 s so dispatch keeps counting them as online (it stops after 60 s of silence).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LatLng } from '../../ui';
import { queuePoint } from './outbox';

export type LocationSource = 'off' | 'waiting' | 'device' | 'simulated' | 'denied' | 'unavailable';

export interface CourierLocation {
  position: LatLng | null;
  source: LocationSource;
}

const HEARTBEAT_MS = 20_000;
const SIMULATION_TICK_MS = 2_000;
/** 8 m/s (29 km/h): plausible for every vehicle, so the server accepts every simulated point. */
const SIMULATED_SPEED_MPS = 8;
const EARTH_RADIUS_M = 6_371_000;

const radians = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres. */
export function distanceM(a: LatLng, b: LatLng): number {
  const dLat = radians(b.lat - a.lat);
  const dLng = radians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point `stepM` metres from `from` toward `to` (or `to` when closer). */
export function stepToward(from: LatLng, to: LatLng, stepM: number): LatLng {
  const d = distanceM(from, to);
  if (d <= stepM) return to;
  const f = stepM / d;
  return { lat: from.lat + (to.lat - from.lat) * f, lng: from.lng + (to.lng - from.lng) * f };
}

interface Options {
  onShift: boolean;
  simulate: boolean;
  /** Where a simulated courier rides to: the next stop. */
  target: LatLng | null;
  /** Where a simulated courier starts when no position is known. */
  start: LatLng | null;
}

export function useCourierLocation({ onShift, simulate, target, start }: Options): CourierLocation {
  const [location, setLocation] = useState<CourierLocation>({ position: null, source: 'off' });
  const last = useRef<{ at: LatLng; accuracy: number; sentAt: number } | null>(null);
  const targetRef = useRef(target);
  targetRef.current = target;

  const record = (at: LatLng, accuracy: number, source: LocationSource, speed = 0, heading = 0) => {
    last.current = { at, accuracy, sentAt: Date.now() };
    queuePoint({
      lat: at.lat,
      lng: at.lng,
      accuracy_m: Math.min(accuracy, 250),
      at: new Date().toISOString(),
      speed_mps: speed,
      heading_deg: heading,
    });
    setLocation({ position: at, source });
  };

  useEffect(() => {
    if (!onShift) {
      setLocation((l) => ({ ...l, source: 'off' }));
      return;
    }
    if (simulate) {
      const from = last.current?.at ?? start;
      if (from) record(from, 10, 'simulated');
      const timer = setInterval(() => {
        const here = last.current?.at ?? start;
        if (!here) return;
        const to = targetRef.current ?? here;
        const next = stepToward(here, to, (SIMULATED_SPEED_MPS * SIMULATION_TICK_MS) / 1000);
        record(next, 10, 'simulated', next === here || next === to ? 0 : SIMULATED_SPEED_MPS);
      }, SIMULATION_TICK_MS);
      return () => clearInterval(timer);
    }
    if (!('geolocation' in navigator)) {
      setLocation((l) => ({ ...l, source: 'unavailable' }));
      return;
    }
    setLocation((l) => ({ ...l, source: 'waiting' }));
    const watch = navigator.geolocation.watchPosition(
      (p) =>
        record(
          { lat: p.coords.latitude, lng: p.coords.longitude },
          p.coords.accuracy,
          'device',
          p.coords.speed ?? 0,
          p.coords.heading ?? 0,
        ),
      (e) => setLocation((l) => ({ ...l, source: e.code === e.PERMISSION_DENIED ? 'denied' : 'unavailable' })),
      { enableHighAccuracy: true, maximumAge: 5_000 },
    );
    const heartbeat = setInterval(() => {
      const l = last.current;
      if (l && Date.now() - l.sentAt >= HEARTBEAT_MS) record(l.at, l.accuracy, 'device');
    }, HEARTBEAT_MS / 4);
    return () => {
      navigator.geolocation.clearWatch(watch);
      clearInterval(heartbeat);
    };
  }, [onShift, simulate, start?.lat, start?.lng]);

  return location;
}

/** The location's state in words, for a status line. */
export const locationWords: Record<LocationSource, string> = {
  off: 'Location is not shared while you are off shift.',
  waiting: 'Waiting for your location…',
  device: "Sharing your phone's location.",
  simulated: 'Simulated movement: riding toward the next stop.',
  denied: 'Location is blocked for this site. Allow it in the browser, or turn on simulated movement.',
  unavailable: 'Your location is not available right now. Move into the open, or turn on simulated movement.',
};
