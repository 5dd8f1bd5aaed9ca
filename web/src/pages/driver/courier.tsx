// The signed-in courier, shared by every page of the driver app: the account, the courier
// profile (vehicle, shift), the pending offers (live over driver.<id>), the deliveries under
// way, the "simulate movement" switch and where the courier is. It lives above the pages, so
// moving between pages never stops the location or the live offers.
import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import type { Profile } from '../../api/auth';
import { loadWebConfig } from '../../api/config';
import { getDriverProfile, myDeliveries, myOffers, type Delivery, type DriverProfile, type Offer } from '../../api/deliveries';
import { useLiveTopic, type LiveState } from '../../api/live';
import type { UserError } from '../../api/problem';
import type { LatLng } from '../../ui';
import { useCourierLocation, type CourierLocation } from './location';
import { keepCourier, keptCourier } from './offline';

export interface Courier {
  me: Profile;
  /** null until the courier saved a vehicle. */
  profile: DriverProfile | null;
  setProfile: (p: DriverProfile) => void;
  offers: Offer[];
  /** Deliveries under way, newest first. */
  active: Delivery[];
  /** Shows a delivery an action answered with (or drops it from the active list once final). */
  replaceDelivery: (d: Delivery) => void;
  reload: () => void;
  live: LiveState;
  simulate: boolean;
  setSimulate: (on: boolean) => void;
  location: CourierLocation;
  error: UserError | null;
  /** Something to show: what the phone kept, or the first answers from the server. */
  loaded: boolean;
}

const CourierContext = createContext<Courier | null>(null);

export function useCourier(): Courier {
  const c = useContext(CourierContext);
  if (!c) throw new Error('useCourier outside CourierProvider');
  return c;
}

const finished = (d: Delivery) => ['delivered', 'failed', 'returned', 'cancelled'].includes(d.status);
const SIMULATE_KEY = 'reskflow.driver.simulate';

/** The next stop of the newest delivery under way: its pickup until picked up, then its drop-off. */
function nextStop(active: Delivery[]): LatLng | null {
  const d = active[0];
  if (!d) return null;
  return ['assigned', 'at_pickup'].includes(d.status) ? d.pickup.location : d.dropoff.location;
}

/**
 * @param offline the session is not restored yet (the app was opened without network): the pages
 *   start from what the phone kept and the outbox keeps the courier's steps.
 */
export function CourierProvider({ me, offline = false, children }: { me: Profile; offline?: boolean; children: ComponentChildren }) {
  const [profile, setProfile] = useState<DriverProfile | null>(() => keptCourier(me.id)?.profile ?? null);
  const [offers, setOffers] = useState<Offer[]>([]);
  const [active, setActive] = useState<Delivery[]>(() => keptCourier(me.id)?.active ?? []);
  const [error, setError] = useState<UserError | null>(null);
  const [simulate, setSimulateState] = useState(() => localStorage.getItem(SIMULATE_KEY) === '1');
  const [loaded, setLoaded] = useState(() => offline || keptCourier(me.id) !== null);
  // Where maps open (the demo city): a simulated courier who never reported a position starts
  // there, so that "Simulate movement" gets offers in the demo wherever the browser is.
  const [mapCenter, setMapCenter] = useState<LatLng | null>(null);
  useEffect(() => void loadWebConfig().then((c) => setMapCenter(c.mapCenter)), []);

  const reload = useCallback(async () => {
    if (offline) return;
    const [p, o, d] = await Promise.all([getDriverProfile(), myOffers(), myDeliveries(true)]);
    if (p.ok) setProfile(p.data);
    if (o.ok) setOffers(o.data.data);
    if (d.ok) setActive(d.data.data.filter((x) => !finished(x)));
    // No profile yet (404) is not an error: the work page leads to setting up a vehicle.
    const failed = [p.ok || p.error.status === 404 ? null : p.error, o.ok ? null : o.error, d.ok ? null : d.error];
    setError(failed.find((e) => e !== null) ?? null);
    setLoaded(true);
  }, [offline]);

  useEffect(() => void reload(), [reload]);
  // What the pages need to open without network next time.
  useEffect(() => keepCourier({ driverId: me.id, profile, active }), [me.id, profile, active]);
  const live = useLiveTopic(offline ? null : `driver.${me.id}`, (data) => {
    // An offer arrives as {"kind":"offer","offer":{...}}; anything else (or a reconnection) re-reads.
    if (data && data.kind === 'offer' && typeof data.offer === 'object' && data.offer) {
      const offer = data.offer as Offer;
      setOffers((list) => [offer, ...list.filter((o) => o.id !== offer.id)]);
    } else void reload();
  });

  const replaceDelivery = useCallback((d: Delivery) => {
    setActive((list) => {
      const others = list.filter((x) => x.id !== d.id);
      return finished(d) ? others : [d, ...others];
    });
    setOffers((list) => list.filter((o) => o.delivery_id !== d.id));
  }, []);

  const location = useCourierLocation({
    onShift: profile !== null && profile.status !== 'offline',
    simulate,
    target: nextStop(active),
    start: profile?.position ?? active[0]?.pickup.location ?? mapCenter,
  });

  const value = useMemo<Courier>(
    () => ({
      me,
      profile,
      setProfile,
      offers,
      active,
      replaceDelivery,
      reload: () => void reload(),
      live,
      simulate,
      setSimulate: (on) => {
        localStorage.setItem(SIMULATE_KEY, on ? '1' : '0');
        setSimulateState(on);
      },
      location,
      error,
      loaded,
    }),
    [me, profile, offers, active, replaceDelivery, reload, live, simulate, location, error, loaded],
  );
  return <CourierContext.Provider value={value}>{children}</CourierContext.Provider>;
}
