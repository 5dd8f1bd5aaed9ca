// What the live city shows: every courier (GET /v1/admin/drivers, then `city.drivers` changes),
// the deliveries of the orders under way, and the active merchants with their delivery zones.
// A (re)subscription re-reads the couriers, since changes sent while the socket was down are not
// replayed; the deliveries are re-read with the couriers' changes, at most every 15 s.
import { useEffect, useRef, useState } from 'preact/hooks';
import { searchMerchants, type AdminMerchant } from '../../api/admin';
import type { Delivery, DriverProfile } from '../../api/deliveries';
import { useLiveTopic, type LiveEvent, type LiveState } from '../../api/live';
import {
  allDrivers,
  cityChanges,
  deliveriesOf,
  ordersUnderWay,
  type CityDriverChange,
} from '../../api/operations';
import type { UserError } from '../../api/problem';

/** Couriers read at start (and after a reconnection). */
export const COURIERS_MAX = 1000;
/** Orders under way whose delivery is read. */
export const DELIVERIES_MAX = 50;
/** Active merchants whose zones are drawn. */
export const MERCHANTS_MAX = 100;
const DELIVERIES_REFRESH_MS_MIN = 15_000;

/** A courier as the city shows it: the profile's members that `city.drivers` refreshes. */
export type CityCourier = Pick<DriverProfile, 'driver_id' | 'status' | 'vehicle' | 'position'>;

export interface City {
  live: LiveState;
  couriers: CityCourier[] | null;
  couriersCut: boolean;
  deliveries: Delivery[] | null;
  deliveriesCut: boolean;
  merchants: AdminMerchant[] | null;
  merchantsCut: boolean;
  error: UserError | null;
  /** Re-reads the deliveries now. */
  refreshDeliveries: () => Promise<void>;
}

function merged(couriers: CityCourier[], changes: CityDriverChange[]): CityCourier[] {
  const byId = new Map(couriers.map((c) => [c.driver_id, c]));
  for (const change of changes) byId.set(change.driver_id, { ...byId.get(change.driver_id), ...change });
  return [...byId.values()].sort((a, b) => a.driver_id.localeCompare(b.driver_id));
}

export function useCity(): City {
  const [couriers, setCouriers] = useState<CityCourier[] | null>(null);
  const [couriersCut, setCouriersCut] = useState(false);
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null);
  const [deliveriesCut, setDeliveriesCut] = useState(false);
  const [merchants, setMerchants] = useState<AdminMerchant[] | null>(null);
  const [merchantsCut, setMerchantsCut] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const lastDeliveriesRead = useRef(0);

  async function readCouriers() {
    const r = await allDrivers(COURIERS_MAX);
    if (!r.ok) return setError(r.error);
    setCouriers(merged([], r.data.drivers));
    setCouriersCut(r.data.more);
  }

  async function refreshDeliveries() {
    lastDeliveriesRead.current = Date.now();
    const r = await ordersUnderWay(DELIVERIES_MAX);
    if (!r.ok) return setError(r.error);
    setDeliveries(await deliveriesOf(r.data.orders));
    setDeliveriesCut(r.data.more);
  }

  useEffect(() => {
    void searchMerchants({ status: 'active' }, undefined, MERCHANTS_MAX).then((r) => {
      if (!r.ok) return setError(r.error);
      setMerchants(r.data);
      setMerchantsCut(r.next !== null);
    });
  }, []);

  const onEvent = (data: LiveEvent) => {
    if (data === null) {
      void readCouriers();
      void refreshDeliveries();
      return;
    }
    const changes = cityChanges(data);
    setCouriers((now) => (now ? merged(now, changes) : now));
    if (Date.now() - lastDeliveriesRead.current >= DELIVERIES_REFRESH_MS_MIN) void refreshDeliveries();
  };
  const live = useLiveTopic('city.drivers', onEvent);

  return {
    live,
    couriers,
    couriersCut,
    deliveries,
    deliveriesCut,
    merchants,
    merchantsCut,
    error,
    refreshDeliveries,
  };
}
