// The delivery address the customer chose (a demo address or a point picked on the map). It is
// remembered in localStorage, so it survives reloads, new tabs and logging out, and shared by
// every page of the tab through a tiny store.
import { useEffect, useState } from 'preact/hooks';

export interface DeliveryAddress {
  /** What people read: "Alexanderplatz, Mitte" or "Point on the map (52.5200, 13.4050)". */
  label: string;
  lat: number;
  lng: number;
}

/** Addresses across Berlin to try the demo city with; the last is outside every zone. */
export const demoAddresses: readonly (DeliveryAddress & { hint: string })[] = [
  {
    label: 'Alexanderplatz, Mitte',
    lat: 52.5219,
    lng: 13.4132,
    hint: 'The centre: most merchants deliver here.',
  },
  { label: 'Oranienstraße, Kreuzberg', lat: 52.5013, lng: 13.4187, hint: 'Kreuzberg 36.' },
  { label: 'Kollwitzplatz, Prenzlauer Berg', lat: 52.5362, lng: 13.4176, hint: 'North of the centre.' },
  { label: 'Boxhagener Platz, Friedrichshain', lat: 52.5105, lng: 13.4598, hint: 'East of the centre.' },
  { label: 'Hermannplatz, Neukölln', lat: 52.4866, lng: 13.4245, hint: 'South of the centre.' },
  { label: 'Savignyplatz, Charlottenburg', lat: 52.5058, lng: 13.3193, hint: 'West of the centre.' },
  {
    label: 'Müggelsee, Köpenick',
    lat: 52.4387,
    lng: 13.6463,
    hint: 'Far out east: few merchants reach it.',
  },
];

const KEY = 'reskflow.delivery_address';
const listeners = new Set<(a: DeliveryAddress | null) => void>();

function valid(a: unknown): a is DeliveryAddress {
  if (typeof a !== 'object' || a === null) return false;
  const { label, lat, lng } = a as Record<string, unknown>;
  return (
    typeof label === 'string' &&
    typeof lat === 'number' &&
    typeof lng === 'number' &&
    Math.abs(lat) <= 90 &&
    Math.abs(lng) <= 180
  );
}

export function readAddress(): DeliveryAddress | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    return valid(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function saveAddress(address: DeliveryAddress) {
  try {
    localStorage.setItem(KEY, JSON.stringify(address));
  } catch {
    /* storage disabled: the address lasts while the page is open */
  }
  for (const l of listeners) l(address);
}

/** A point picked on the map, labelled by its coordinates (there is no address lookup). */
export const pointAddress = (lat: number, lng: number): DeliveryAddress => ({
  label: `Point on the map (${lat.toFixed(4)}, ${lng.toFixed(4)})`,
  lat,
  lng,
});

/** The chosen address; re-renders when another page of the tab changes it. */
export function useDeliveryAddress(): DeliveryAddress | null {
  const [address, setAddress] = useState(readAddress);
  useEffect(() => {
    listeners.add(setAddress);
    const onStorage = (e: StorageEvent) => e.key === KEY && setAddress(readAddress());
    addEventListener('storage', onStorage);
    return () => {
      listeners.delete(setAddress);
      removeEventListener('storage', onStorage);
    };
  }, []);
  return address;
}
